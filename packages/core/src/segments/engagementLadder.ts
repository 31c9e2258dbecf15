import { compileSegment } from "./compileSegment.js";
import type { ProfilePredicate } from "./ConditionKind.js";
import { defaultLadderCriteria, ladderTiers, type LadderCriteria } from "./defaultLadderCriteria.js";
import { segmentExplainer, type SegmentExplanation } from "./explainSegment.js";
import type { LadderTier, Profile } from "./Profile.js";
import type { SegmentOptions } from "./SegmentOptions.js";
import { registryOf } from "./_internal/registryOf.js";
import { conditionHistoryWindows, type HistoryWindows } from "./historyWindows.js";

/** One step on the ladder. */
export interface LadderTransition {
  readonly from: LadderTier;
  readonly to: LadderTier;
  readonly direction: "promotion" | "demotion";
  /** Why: the criterion branch that matched (promotion to the target tier) or stopped matching (demotion from the source tier). */
  readonly reason: string;
  /** Epoch ms of the evaluation that caused it. */
  readonly at: number;
}

/** A customer's place on the ladder. */
export interface LadderState {
  readonly tier: LadderTier;
  /** Epoch ms since when the customer holds `tier`. */
  readonly since: number;
}

/** A ladder compiled once from its criteria. */
export interface EngagementLadder {
  /** The tier a profile qualifies for at `now`. */
  tierOf(profile: Profile, now: number): LadderTier;
  /**
   * Moves from `previous` (passive since `now` when undefined) to the tier the
   * profile qualifies for, one edge at a time (passive ↔ active ↔ advocate), and
   * returns the new state with every transition, each with its reason and time.
   */
  update(previous: LadderState | undefined, profile: Profile, now: number): { readonly state: LadderState; readonly transitions: readonly LadderTransition[] };
  /** How far back the criteria read each interaction type's times (see {@link HistoryWindows}). */
  readonly historyWindows: HistoryWindows;
}

function describeMatch(e: SegmentExplanation, want: boolean): string {
  // The first leaf whose verdict equals `want`, rendered compactly.
  const stack: SegmentExplanation[] = [e];
  while (stack.length > 0) {
    const n = stack.shift() as SegmentExplanation;
    if (n.condition !== undefined && n.matched === want) return `${JSON.stringify(n.condition)} saw ${JSON.stringify(n.seen ?? null)}`;
    if (n.children !== undefined) stack.unshift(...n.children);
  }
  return want ? "criteria matched" : "criteria no longer matched";
}

/**
 * Builds the engagement ladder passive → active → advocate from criteria
 * (default {@link defaultLadderCriteria}).
 *
 * A profile is an advocate when the advocate criterion holds, else active when
 * the active criterion holds, else passive. Transitions only follow the edges
 * passive ↔ active and active ↔ advocate: a jump from passive to advocate is
 * reported as two promotions at the same time, each with its reason; demotions
 * likewise. Criteria with windows make customers drop a tier when their
 * activity ages out, so call `update` at the membership next-check time too.
 *
 * Complexity: O(criteria size) per update; explanations are built only when a
 * transition happens.
 *
 * @throws {InputError} the first validation issue of a criterion
 * @category Engagement
 * @example
 * const ladder = engagementLadder();
 * const p = { id: "c", traits: {}, interactions: { purchase: { count: 1, first: 0, last: 0, times: [0] } } };
 * ladder.update(undefined, p, 1000).transitions.map((t) => t.to) // => ["active"]
 */
export function engagementLadder(criteria: LadderCriteria = defaultLadderCriteria, options: SegmentOptions = {}): EngagementLadder {
  const active: ProfilePredicate = compileSegment({ id: "ladder:active", condition: criteria.active }, options);
  const advocate: ProfilePredicate = compileSegment({ id: "ladder:advocate", condition: criteria.advocate }, options);
  const tierOf = (p: Profile, now: number): LadderTier => (advocate(p, now) ? "advocate" : active(p, now) ? "active" : "passive");
  // Validated once here, not on every transition.
  const explainActive = segmentExplainer({ id: "ladder:active", condition: criteria.active }, options);
  const explainAdvocate = segmentExplainer({ id: "ladder:advocate", condition: criteria.advocate }, options);
  const reasonFor = (tier: LadderTier, p: Profile, now: number, matched: boolean): string => {
    const e = (tier === "advocate" ? explainAdvocate : explainActive)(p, now);
    return `${tier} criterion ${matched ? "met" : "no longer met"}: ${describeMatch(e, matched)}`;
  };
  return {
    tierOf,
    historyWindows: conditionHistoryWindows([criteria.active, criteria.advocate], registryOf(options), options.segments ?? []),
    update(previous, profile, now) {
      const from = previous?.tier ?? "passive";
      const to = tierOf(profile, now);
      const transitions: LadderTransition[] = [];
      let i = ladderTiers.indexOf(from);
      const j = ladderTiers.indexOf(to);
      while (i !== j) {
        const step = i < j ? 1 : -1;
        const a = ladderTiers[i] as LadderTier;
        const b = ladderTiers[i + step] as LadderTier;
        // Promotions cite the criterion of the tier reached; demotions the criterion of the tier left.
        const reason = step === 1 ? reasonFor(to, profile, now, true) : reasonFor(a, profile, now, false);
        transitions.push({ from: a, to: b, direction: step === 1 ? "promotion" : "demotion", reason, at: now });
        i += step;
      }
      const state: LadderState = to === from && previous !== undefined ? previous : { tier: to, since: now };
      return { state, transitions };
    },
  };
}
