import { defaultLadderCriteria, type LadderCriteria } from "../segments/defaultLadderCriteria.js";
import { REFERRAL_CONVERTED } from "./Referral.js";

/**
 * Ladder criteria in which a converted referral makes the referrer an
 * advocate: the advocate criterion becomes `any` of the given one and
 * "performed `referral_converted` at least once in the last `withinDays`
 * days" (default 365, the window of the default advocate signals). The
 * active criterion is unchanged.
 *
 * The default criteria already count an interaction `"referral"` (an
 * invitation sent); this adds the stronger, verified signal of a referral that
 * brought a paying customer, recorded by {@link convertReferral}. Pass the
 * result to `engagementLadder`.
 *
 * @category Loyalty
 * @example
 * const ladder = engagementLadder(referralLadderCriteria());
 * const p = { id: "alice", traits: {}, interactions: { referral_converted: { count: 1, first: 0, last: 0, times: [0] } } };
 * ladder.tierOf(p, 1000) // => "advocate"
 */
export function referralLadderCriteria(criteria: LadderCriteria = defaultLadderCriteria, withinDays = 365): LadderCriteria {
  return {
    active: criteria.active,
    advocate: {
      type: "any",
      conditions: [criteria.advocate, { type: "performed", interaction: REFERRAL_CONVERTED, op: "atLeast", times: 1, withinDays }],
    },
  };
}
