import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence } from "../_internal/assert.js";
import { differenceInMeans, type MeanDifference } from "../compare/differenceInMeans.js";
import { differenceInProportions, type ProportionDifference } from "../compare/differenceInProportions.js";
import { sampleRatioMismatch, type SampleRatioMismatch } from "../compare/sampleRatioMismatch.js";

/** One customer's outcome after a trigger fired (treated) or was withheld (holdout). */
export interface UpliftOutcome {
  readonly group: "treated" | "holdout";
  /** Converted in the measurement window (bought, renewed…); absent: not measured for this customer. */
  readonly converted?: boolean;
  /** Still active / not churned at the end of the window; absent: not measured. */
  readonly retained?: boolean;
  /** Revenue in the window (0 for none); absent: not measured. */
  readonly revenue?: number;
}

/** An uplift estimate, or why there is none (never 0 for "no data"). */
export type UpliftEstimate<T> =
  | { readonly estimate: T; /** difference / holdout level; null when the holdout level is 0. */ readonly relativeLift: number | null }
  | { readonly estimate: null; readonly reason: string };

/** Sizes and levels of one group. */
export interface UpliftGroupSummary {
  readonly n: number;
  readonly conversions: number;
  readonly conversionN: number;
  readonly retained: number;
  readonly retentionN: number;
  readonly revenueN: number;
  /** Mean revenue, null without revenue observations. */
  readonly meanRevenue: number | null;
}

/** What {@link upliftReport} returns. */
export interface UpliftReport {
  readonly treated: UpliftGroupSummary;
  readonly holdout: UpliftGroupSummary;
  /** treated − holdout conversion rate (Newcombe interval, pooled z-test). */
  readonly conversion: UpliftEstimate<ProportionDifference>;
  /** treated − holdout retention rate. */
  readonly retention: UpliftEstimate<ProportionDifference>;
  /** treated − holdout mean revenue (Welch). */
  readonly revenue: UpliftEstimate<MeanDifference>;
  /** Does the split match the configured holdout share? null when no share was given or there are no outcomes. */
  readonly sampleRatio: SampleRatioMismatch | null;
}

/** Options of {@link upliftReport}. */
export interface UpliftReportOptions {
  readonly confidence?: number;
  /** The trigger's holdout share, to test the split for sample-ratio mismatch (in (0, 1)). */
  readonly holdoutShare?: number;
}

/**
 * The uplift of a trigger: treated customers versus its holdout (who were
 * withheld the action, {@link isHeldOut}), on conversion, retention and
 * revenue, each as treated − holdout with an interval and a p-value, from the
 * comparison area:
 * - conversion, retention: {@link differenceInProportions} (B = treated, A =
 *   holdout) — Newcombe's hybrid score interval, pooled two-proportion z-test;
 * - revenue: {@link differenceInMeans} — Welch's t.
 * `relativeLift` = difference / holdout level (null when the holdout level is 0).
 * The split is checked with {@link sampleRatioMismatch} when `holdoutShare` is given.
 *
 * Each metric uses only the outcomes that measure it. A metric with an empty
 * group (or fewer than 2 revenue values, or no spread at all) has `estimate:
 * null` and a `reason` — never 0. With several metrics read at once, adjust
 * their p-values (e.g. {@link holmAdjust}).
 *
 * Source: the holdout (control-group) design of marketing uplift measurement,
 * e.g. Radcliffe & Surry (2011), "Real-world uplift modelling with
 * significance-based uplift trees", Stochastic Solutions white paper.
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` at `["outcomes", i, "group"]` for a group that is neither;
 *   `METRIC.NOT_FINITE` for a non-finite revenue; `METRIC.INVALID_OPTION` for a bad confidence or share
 * @category Proactive
 * @example
 * const outcomes = [
 *   ...Array.from({ length: 1000 }, (_, i) => ({ group: "treated", converted: i < 150 }) as const),
 *   ...Array.from({ length: 1000 }, (_, i) => ({ group: "holdout", converted: i < 120 }) as const),
 * ];
 * const r = upliftReport(outcomes);
 * r.conversion.estimate?.difference // => 0.03 (0.15 − 0.12); pValue 0.0496… (as differenceInProportions)
 */
export function upliftReport(outcomes: readonly UpliftOutcome[], options: UpliftReportOptions = {}): UpliftReport {
  const fn = "upliftReport";
  const confidence = options.confidence ?? 0.95;
  assertConfidence(fn, confidence);
  const share = options.holdoutShare;
  if (share !== undefined && !(typeof share === "number" && share > 0 && share < 1)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a holdout share strictly between 0 and 1, got ${String(share)}`, ["options", "holdoutShare"], share);
  }
  const acc = () => ({ n: 0, conversions: 0, conversionN: 0, retained: 0, retentionN: 0, revenueN: 0, sum: 0, sumSq: 0 });
  const g = { treated: acc(), holdout: acc() };
  outcomes.forEach((o, i) => {
    const grp = o?.group;
    if (grp !== "treated" && grp !== "holdout") throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires group "treated" or "holdout", got ${JSON.stringify(grp)}`, ["outcomes", i, "group"], grp);
    const s = g[grp];
    s.n++;
    if (o.converted !== undefined) {
      s.conversionN++;
      if (o.converted) s.conversions++;
    }
    if (o.retained !== undefined) {
      s.retentionN++;
      if (o.retained) s.retained++;
    }
    if (o.revenue !== undefined) {
      if (typeof o.revenue !== "number" || !Number.isFinite(o.revenue)) {
        throw new InputError(ErrorCodes.NOT_FINITE, `${fn} requires a finite revenue, got ${String(o.revenue)}`, ["outcomes", i, "revenue"], o.revenue);
      }
      s.revenueN++;
      s.sum += o.revenue;
      s.sumSq += o.revenue * o.revenue;
    }
  });
  const summary = (s: ReturnType<typeof acc>): UpliftGroupSummary => ({
    n: s.n,
    conversions: s.conversions,
    conversionN: s.conversionN,
    retained: s.retained,
    retentionN: s.retentionN,
    revenueN: s.revenueN,
    meanRevenue: s.revenueN === 0 ? null : s.sum / s.revenueN,
  });
  const rates = (what: string, tSucc: number, tN: number, hSucc: number, hN: number): UpliftEstimate<ProportionDifference> => {
    if (tN === 0 || hN === 0) return { estimate: null, reason: `no ${tN === 0 ? "treated" : "holdout"} customer has a measured ${what}` };
    const d = differenceInProportions({ successes: hSucc, n: hN }, { successes: tSucc, n: tN }, confidence);
    return { estimate: d, relativeLift: d.rateA === 0 ? null : d.difference / d.rateA };
  };
  const t = g.treated;
  const h = g.holdout;
  let revenue: UpliftEstimate<MeanDifference>;
  if (t.revenueN < 2 || h.revenueN < 2) revenue = { estimate: null, reason: `revenue needs at least 2 values per group, got ${t.revenueN} treated and ${h.revenueN} holdout` };
  else {
    const va = h.sumSq - (h.sum * h.sum) / h.revenueN;
    const vb = t.sumSq - (t.sum * t.sum) / t.revenueN;
    if (!(va > 1e-12 * Math.max(1, h.sumSq)) && !(vb > 1e-12 * Math.max(1, t.sumSq))) revenue = { estimate: null, reason: "revenue has no spread in either group" };
    else {
      const d = differenceInMeans({ n: h.revenueN, sum: h.sum, sumOfSquares: h.sumSq }, { n: t.revenueN, sum: t.sum, sumOfSquares: t.sumSq }, confidence);
      revenue = { estimate: d, relativeLift: d.meanA === 0 ? null : d.difference / d.meanA };
    }
  }
  return {
    treated: summary(t),
    holdout: summary(h),
    conversion: rates("conversion", t.conversions, t.conversionN, h.conversions, h.conversionN),
    retention: rates("retention", t.retained, t.retentionN, h.retained, h.retentionN),
    revenue,
    sampleRatio: share === undefined || t.n + h.n === 0 ? null : sampleRatioMismatch([t.n, h.n], [1 - share, share]),
  };
}
