import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../_internal/assert.js";
import { zCritical } from "../stats/zCritical.js";
import type { Interval } from "../stats/Interval.js";
import type { Response } from "./Response.js";

/** The sufficient statistics of an NPS survey: how many answers fell in each bucket. */
export interface NpsCounts {
  /** Answers 9–10. */
  readonly promoters: number;
  /** Answers 7–8. */
  readonly passives: number;
  /** Answers 0–6. */
  readonly detractors: number;
  /** Non-answers (skipped, "don't know", null); reported, never in the denominator. */
  readonly skipped?: number;
}

/** Net Promoter Score with its sample size and uncertainty. */
export interface NetPromoterScore {
  /** The versioned definition this was computed with (see metricDefinitions). */
  readonly definition: "nps@1";
  /** %promoters − %detractors, in [−100, 100], full precision. */
  readonly score: number;
  /** Number of valid answers (promoters + passives + detractors). */
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly skipped: number;
  /** Standard error of the score, in NPS points (0 when every answer is in one bucket). */
  readonly standardError: number;
  /** Normal-approximation interval, clipped to [−100, 100]. */
  readonly interval: Interval;
}

/** Options of {@link netPromoterScore}. */
export interface NpsOptions {
  /** Nominal coverage of the interval, default 0.95. */
  readonly confidence?: number;
}

/**
 * Net Promoter Score (NPS) of answers to "How likely is it that you would
 * recommend us to a friend or colleague?" on the 0–10 scale.
 *
 * Definition: promoters answer 9–10, passives 7–8, detractors 0–6;
 * NPS = 100 · (P − D) / n with n = P + A + D valid answers. Non-answers
 * (`null` / `undefined`) are counted in `skipped` and excluded from n.
 *
 * Uncertainty: each answer contributes +1, 0 or −1, so with p = P/n and
 * d = D/n the variance of one answer is (p + d) − (p − d)²; the standard
 * error of the score is 100 · √(((p + d) − (p − d)²) / n) (multinomial
 * variance), and the interval is score ± z · SE, clipped to [−100, 100].
 * The normal approximation is poor below about 30 answers; the interval
 * collapses to a point when every answer is in one bucket.
 *
 * Source: F. F. Reichheld (2003), "The One Number You Need to Grow",
 * Harvard Business Review 81(12); Bain & Company, netpromotersystem.com.
 * Standard error: Rocks (2016), "The standard error of the Net Promoter
 * Score", and B. Eskildsen & A. Kristensen (2011).
 *
 * Range: score in [−100, 100]; all promoters → 100, all detractors → −100.
 * Complexity: O(n).
 *
 * @param responses - integers 0–10, or null/undefined for non-answers
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when there is no valid answer (never scored as 0);
 *   `METRIC.OUT_OF_RANGE` for a score outside 0–10; `METRIC.NOT_INTEGER` for 7.5;
 *   `METRIC.NOT_FINITE` for NaN, ±Infinity or a non-number — each with the position
 * @category Satisfaction
 * @example
 * netPromoterScore([10, 9, 8, 7, 6, null]).score // => 20
 * // 2 promoters, 2 passives, 1 detractor of n = 5; the null is skipped
 */
export function netPromoterScore(responses: readonly Response[], options: NpsOptions = {}): NetPromoterScore {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  let skipped = 0;
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i];
    if (r === null || r === undefined) {
      skipped++;
      continue;
    }
    assertFinite("netPromoterScore", r, ["responses", i]);
    if (!Number.isInteger(r)) {
      throw new InputError(ErrorCodes.NOT_INTEGER, `netPromoterScore requires integer answers, got ${r} at responses[${i}]`, ["responses", i], r);
    }
    if (r < 0 || r > 10) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `netPromoterScore requires answers in 0–10, got ${r} at responses[${i}]`, ["responses", i], r);
    }
    if (r >= 9) promoters++;
    else if (r >= 7) passives++;
    else detractors++;
  }
  return netPromoterScoreFromCounts({ promoters, passives, detractors, skipped }, options);
}

/**
 * {@link netPromoterScore} from bucket counts, for callers that aggregate in
 * SQL (`count(*) filter (where score >= 9)` …). Agrees exactly with the raw path.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when all counts are 0; `METRIC.NOT_INTEGER` /
 *   `METRIC.OUT_OF_RANGE` for a count that is not a non-negative integer
 * @category Satisfaction
 * @example
 * netPromoterScoreFromCounts({ promoters: 60, passives: 25, detractors: 15 }).score // => 45
 */
export function netPromoterScoreFromCounts(counts: NpsCounts, options: NpsOptions = {}): NetPromoterScore {
  const { promoters, passives, detractors } = counts;
  const skipped = counts.skipped ?? 0;
  assertCount("netPromoterScore", promoters, ["promoters"]);
  assertCount("netPromoterScore", passives, ["passives"]);
  assertCount("netPromoterScore", detractors, ["detractors"]);
  assertCount("netPromoterScore", skipped, ["skipped"]);
  const confidence = options.confidence ?? 0.95;
  assertConfidence("netPromoterScore", confidence);
  const n = promoters + passives + detractors;
  if (n === 0) {
    throw new InputError(ErrorCodes.EMPTY_SAMPLE, "netPromoterScore requires at least one valid answer", ["responses"], n);
  }
  const p = promoters / n;
  const d = detractors / n;
  const score = 100 * (p - d);
  const variance = Math.max(0, p + d - (p - d) * (p - d));
  const standardError = 100 * Math.sqrt(variance / n);
  const half = zCritical(confidence) * standardError;
  return {
    definition: "nps@1",
    score,
    n,
    promoters,
    passives,
    detractors,
    skipped,
    standardError,
    interval: {
      lower: Math.max(-100, score - half),
      upper: Math.min(100, score + half),
      level: confidence,
      method: "normal",
    },
  };
}
