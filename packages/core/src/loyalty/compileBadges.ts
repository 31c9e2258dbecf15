import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import { compileSegment } from "../segments/compileSegment.js";
import { segmentExplainer } from "../segments/explainSegment.js";
import type { Profile } from "../segments/Profile.js";
import type { SegmentOptions } from "../segments/SegmentOptions.js";
import type { BadgeAward, BadgeDefinition } from "./BadgeDefinition.js";
import { evidenceOf } from "./_internal/evidence.js";

/** The badges a customer holds after an evaluation. */
export interface BadgeResult {
  /** Every badge held: those passed in `held`, then the new ones, in definition order. */
  readonly awards: readonly BadgeAward[];
  /** Only the badges earned by this evaluation. */
  readonly newlyAwarded: readonly BadgeAward[];
}

/** Evaluates badges for one profile; `held` are the badges the customer already has. */
export type BadgeEvaluator = (profile: Profile, now: number, held?: readonly BadgeAward[]) => BadgeResult;

/**
 * Compiles badge definitions once (with {@link compileSegment}, so criteria are
 * validated up front and evaluated without walking the tree) into an evaluator.
 *
 * A badge is awarded the first time its condition holds for the profile at
 * `now`, with the evidence as its reason ({@link explainSegment}'s matched
 * leaves, computed only for new awards). Badges are kept once earned — an
 * achievement, unlike a tier, is not lost when activity ages out — so an award
 * already in `held` is never repeated or removed.
 *
 * Complexity: O(Σ criteria size) per profile.
 *
 * @throws {InputError} `JOURNEY.DUPLICATE_ID` for two badges with one id; the first validation issue of a criterion
 *   (its SEGMENT.* code, with the path under `["badges", i]`)
 * @category Loyalty
 * @example
 * const evaluate = compileBadges([{ id: "first_review", condition: { type: "performed", interaction: "review", op: "atLeast", times: 1 } }]);
 * evaluate({ id: "c", traits: {}, interactions: { review: { count: 1, first: 0, last: 0 } } }, 1).newlyAwarded.map((a) => a.badge) // => ["first_review"]
 */
export function compileBadges(definitions: readonly BadgeDefinition[], options: SegmentOptions = {}): BadgeEvaluator {
  const fn = "compileBadges";
  const ids = new Set<string>();
  const compiled = definitions.map((b, i) => {
    if (ids.has(b.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique badge ids, got ${JSON.stringify(b.id)} twice`, ["badges", i, "id"], b.id);
    ids.add(b.id);
    const definition = { id: `badge:${b.id}`, condition: b.condition };
    try {
      return { id: b.id, test: compileSegment(definition, options), explain: segmentExplainer(definition, options) };
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.code, e.message, ["badges", i, ...e.path], e.value);
      throw e;
    }
  });
  return (profile, now, held = []) => {
    assertFinite(fn, now, ["now"]);
    const have = new Set(held.map((a) => a.badge));
    const newlyAwarded: BadgeAward[] = [];
    for (const b of compiled) {
      if (have.has(b.id) || !b.test(profile, now)) continue;
      newlyAwarded.push({ badge: b.id, at: now, reason: `badge ${b.id} criteria met: ${evidenceOf(b.explain(profile, now))}` });
    }
    return { awards: [...held, ...newlyAwarded], newlyAwarded };
  };
}
