import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { assertConfidence } from "../_internal/assert.js";
import { netPromoterScoreFromCounts, type NpsCounts } from "../feedback/netPromoterScore.js";
import { zCritical } from "../stats/zCritical.js";
import type { Interval } from "../stats/Interval.js";

/** B − A for two Net Promoter Scores. */
export interface NpsDifference {
  readonly scoreA: number;
  readonly scoreB: number;
  /** scoreB − scoreA, in NPS points. */
  readonly difference: number;
  /** √(SE_A² + SE_B²), independent samples. */
  readonly standardError: number;
  readonly interval: Interval;
  readonly z: number;
  readonly pValue: number;
}

/**
 * Is +4 NPS a change or noise? The difference of two independent NPS values
 * with SE = √(SE_A² + SE_B²) (each from the multinomial variance, see
 * netPromoterScore), a normal interval and a two-sided z-test.
 *
 * Source: Rocks (2016), "The standard error of the Net Promoter Score"; the
 * difference of independent estimates.
 *
 * @throws {InputError} as netPromoterScoreFromCounts for either group
 * @category Comparison
 * @example
 * npsDifference({ promoters: 60, passives: 25, detractors: 15 }, { promoters: 64, passives: 22, detractors: 14 }).difference // => 5
 */
export function npsDifference(a: NpsCounts, b: NpsCounts, confidence = 0.95): NpsDifference {
  assertConfidence("npsDifference", confidence);
  const A = netPromoterScoreFromCounts(a, { confidence });
  const B = netPromoterScoreFromCounts(b, { confidence });
  const d = B.score - A.score;
  const se = Math.sqrt(A.standardError ** 2 + B.standardError ** 2);
  const half = zCritical(confidence) * se;
  const z = se === 0 ? 0 : d / se;
  return {
    scoreA: A.score,
    scoreB: B.score,
    difference: d,
    standardError: se,
    interval: { lower: Math.max(-200, d - half), upper: Math.min(200, d + half), level: confidence, method: "normal" },
    z,
    pValue: se === 0 ? (d === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(z), 0, 1)),
  };
}
