import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import { describe as show } from "../_internal/assert.js";
import { differenceInMeans } from "../compare/differenceInMeans.js";
import { differenceInProportions } from "../compare/differenceInProportions.js";
import { holmAdjust } from "../compare/holmAdjust.js";
import { npsDifference } from "../compare/npsDifference.js";
import { customerSatisfactionScoreFromStats } from "../feedback/customerSatisfactionScore.js";
import { netPromoterScoreFromCounts, type NpsCounts } from "../feedback/netPromoterScore.js";
import { churnRate } from "../rates/churnRate.js";
import { repeatPurchaseRate } from "../rates/repeatPurchaseRate.js";
import { retentionRate } from "../rates/retentionRate.js";
import { bootstrapMeans } from "../stats/bootstrapMeans.js";
import { meanInterval } from "../stats/meanInterval.js";
import { mulberry32 } from "../stats/mulberry32.js";
import { quantileSorted } from "../stats/quantile.js";
import type { Interval } from "../stats/Interval.js";
import type {
  CovariateBalance,
  EffectivenessMetric,
  EffectivenessMetricId,
  EffectivenessRow,
  GroupEffectiveness,
  MeanWithTotal,
  ModelComparison,
  ModelEffectivenessOptions,
  ModelEffectivenessReport,
  ModelRoi,
} from "./ModelEffectivenessReport.js";

const FN = "modelEffectiveness";

// Sufficient statistics of a group, one Float64Array per group; covariate c adds 3 slots at BASE + 3c.
const N = 0; // rows
const ST_N = 1; // rows with a retained/churned status
const KEPT = 2; // retained
const REP_N = 3;
const REP = 4;
const REV_N = 5;
const REV_S = 6;
const REV_Q = 7;
const CLV_N = 8;
const CLV_S = 9;
const CLV_Q = 10;
const PRO = 11;
const PAS = 12;
const DET = 13;
const CS_N = 14;
const CS_SAT = 15;
const CS_S = 16;
const CS_Q = 17;
const BASE = 18;

interface Group {
  readonly model: string;
  readonly segment: string | null;
  readonly stats: Float64Array;
  /** Position in the list of groups rows are accumulated into (−1 for a sum of segment groups). */
  readonly ordinal: number;
}

/**
 * How well each engagement model did over a period, per model (and per
 * segment × model): NPS, CSAT, retention, churn, repeat purchase, revenue and
 * predicted CLV with intervals, each model's difference to a reference model
 * with raw and Holm-adjusted p-values, an incremental ROI with an interval,
 * and a check of the groups' composition.
 *
 * Metrics per group (a metric with no observation is `null` with n 0, never 0):
 * NPS ({@link netPromoterScoreFromCounts}, normal interval), CSAT top-2-box share
 * ({@link customerSatisfactionScoreFromStats}, Wilson), retention, churn and
 * repeat-purchase rates ({@link retentionRate}, {@link churnRate},
 * {@link repeatPurchaseRate}, Wilson), mean and total revenue and mean
 * predicted CLV ({@link meanInterval}, Student t). Churn is the complement of
 * retention on the rows that have either. One pass accumulates counts, sums
 * and sums of squares per group; everything else is computed from them.
 *
 * Differences (model − reference, in the same segment): rates and the CSAT
 * share by {@link differenceInProportions} (Newcombe), means by
 * {@link differenceInMeans} (Welch), NPS by {@link npsDifference}; the p-values
 * of all comparisons of the report are adjusted together with
 * {@link holmAdjust}. Reference: `options.reference`, else the cheapest model
 * of `options.models` (the lowest touch; first on ties), else the model with
 * the most rows (the fallback of a strategy usually; ties by id).
 *
 * ROI, the incremental form: with Δrevenue = mean revenue per customer of the
 * model − of the reference, and Δcost = cost per customer of the model − of
 * the reference, ROI = (Δrevenue − Δcost) / Δcost: the net return on each
 * extra unit spent serving a customer with the model instead of the reference
 * (−1 = the extra cost bought nothing; 0 = it paid for itself). It is defined
 * only for Δcost > 0 (null with a reason for Δcost = 0, and for a model
 * cheaper than its reference, where the ratio's sign misleads: read
 * `netValuePerCustomer` = Δrevenue − Δcost instead). Multiplying by the
 * model's n gives value uplift and cost in totals; n cancels in the ratio.
 * Revenue is whatever the rows carry: pass contribution margin for a profit
 * ROI. Source: the ROMI of P. W. Farris, N. T. Bendle, P. E. Pfeifer &
 * D. J. Reibstein (2010), Marketing Metrics, 2nd ed., ch. 9: (incremental
 * revenue − incremental spending) / incremental spending.
 *
 * ROI interval: a percentile bootstrap (Efron & Tibshirani 1993, ch. 13):
 * each replicate resamples customers with replacement within the model's and
 * within the reference's group independently, recomputes Δrevenue and the
 * ROI; the interval is the (1 ∓ level)/2 quantiles of `samples` replicates
 * (default 2000), widened if needed to contain the estimate. It is seeded
 * (mulberry32, seed from `bootstrap.seed` and the group's key) and runs on
 * each group's revenues sorted ascending, so it depends only on the multiset
 * of rows, not on their order. It costs O(samples × rows with revenue) —
 * about 11 ms per replicate per million customers on the bench machine, so
 * ≈ 23 s for the default 2000 replicates over 1M customers. With
 * `bootstrap: false` the interval is the Welch interval of Δrevenue mapped
 * through the same (linear, since Δcost is fixed) formula, method "t", O(1);
 * use it above ~100k customers, where the two agree (bench, 1M customers:
 * bootstrap [0.5182, 0.5267], Welch [0.5180, 0.5263] for the same ROI).
 *
 * Composition: models are assigned by rule, not at random, so each model is
 * compared with the reference on `covariates` (values from before the
 * period) by the standardized mean difference
 * SMD = (x̄_model − x̄_reference) / √((s²_model + s²_reference) / 2); |SMD| > 0.1
 * is a warning naming the covariate and the groups (P. C. Austin (2009),
 * "Balance diagnostics for comparing the distribution of baseline covariates
 * between treatment groups in propensity-score matched samples", Statistics
 * in Medicine 28, 3083–3107). The report always recommends a random holdout
 * per model for causal uplift.
 *
 * Edge cases: rows with a model not in `options.models` (when given) throw;
 * models of `options.models` without rows have n 0 and null metrics; one row
 * per customer is assumed (not checked: that would cost a set of every id).
 * Sums are accumulated in row order, so permuting the rows can change the
 * last bits of means and intervals, never the counts. Complexity: O(rows) for
 * the metrics, plus the bootstrap.
 *
 * @throws {InputError} `MODEL.INVALID` for a row without a customer or model id (or a segment with
 *   `by: "segment"`), an unknown `by`, duplicate or malformed `models`; `MODEL.UNKNOWN_REFERENCE` for a
 *   row's model or `reference` not among the models; `METRIC.NOT_FINITE` / `METRIC.NOT_INTEGER` /
 *   `METRIC.OUT_OF_RANGE` for a bad outcome (path `["rows", i, field]`); `METRIC.INCONSISTENT` when
 *   retained and churned agree; `METRIC.INVALID_OPTION` for a bad level or bootstrap;
 *   `METRIC.EMPTY_SAMPLE` for no rows and no models
 * @category Engagement models
 * @example
 * const report = modelEffectiveness(
 *   [
 *     { customer: "a", model: "csm", retained: true, revenue: 120, nps: 10 },
 *     { customer: "b", model: "csm", retained: true, revenue: 100, nps: 9 },
 *     { customer: "c", model: "tech", retained: false, revenue: 40, nps: 6 },
 *     { customer: "d", model: "tech", retained: true, revenue: 60, nps: 8 },
 *   ],
 *   { models: [{ id: "csm", cost: { perCustomer: 30 } }, { id: "tech", cost: { perCustomer: 5 } }], bootstrap: false },
 * );
 * report.reference // => "tech" (the cheapest)
 * report.roi[0]?.roi // => 1.4  ((110 − 50) − 25) / 25
 */
export function modelEffectiveness(rows: readonly EffectivenessRow[], options: ModelEffectivenessOptions = {}): ModelEffectivenessReport {
  if (!Array.isArray(rows)) throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires an array of rows, got ${show(rows)}`, ["rows"], rows);
  const level = options.level ?? 0.95;
  if (!(typeof level === "number" && level > 0 && level < 1)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires a level strictly between 0 and 1, got ${show(level)}`, ["options", "level"], level);
  }
  const by = options.by ?? "model";
  if (by !== "model" && by !== "segment") throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires by "model" or "segment", got ${show(by)}`, ["options", "by"], by);
  const bySegment = by === "segment";
  const covariates = options.covariates ?? [];
  covariates.forEach((c, i) => {
    if (typeof c !== "string" || c === "") throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires covariate names as non-empty strings`, ["options", "covariates", i], c);
  });
  const costs = checkCosts(options.models);
  const boot = checkBootstrap(options.bootstrap);

  // ---- one pass: sufficient statistics per group -------------------------------------------------
  const width = BASE + 3 * covariates.length;
  const fine: Group[] = [];
  const byModel = new Map<string, Group>();
  const bySeg = new Map<string, Map<string, Group>>();
  const newGroup = (model: string, segment: string | null): Group => {
    const g = { model, segment, stats: new Float64Array(width), ordinal: fine.length };
    fine.push(g);
    return g;
  };
  if (costs !== null && !bySegment) for (const id of costs.keys()) byModel.set(id, newGroup(id, null));
  const keepRowGroup = boot !== null && costs !== null;
  const rowGroup = keepRowGroup ? new Int32Array(rows.length) : null;
  const nCov = covariates.length;

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as EffectivenessRow;
    if (typeof r !== "object" || r === null) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires each row to be an object, got ${show(r)} at rows[${i}]`, ["rows", i], r);
    const model = r.model;
    if (typeof r.customer !== "string" || r.customer === "") rowError(ErrorCodes.MODEL_INVALID, i, "customer", r.customer, "a customer id");
    let g: Group | undefined;
    if (bySegment) {
      const seg = r.segment;
      if (typeof seg !== "string") rowError(ErrorCodes.MODEL_INVALID, i, "segment", seg, 'a segment with by: "segment"');
      let inner = bySeg.get(seg);
      if (inner === undefined) bySeg.set(seg, (inner = new Map()));
      g = inner.get(model);
      if (g === undefined) {
        checkModel(model, costs, i);
        inner.set(model, (g = newGroup(model, seg)));
      }
    } else {
      g = byModel.get(model);
      if (g === undefined) {
        checkModel(model, costs, i);
        byModel.set(model, (g = newGroup(model, null)));
      }
    }
    if (rowGroup !== null) rowGroup[i] = g.ordinal;
    const s = g.stats;
    (s[N] as number)++;
    const ret = r.retained;
    const ch = r.churned;
    const hasRet = ret !== undefined && ret !== null;
    const hasCh = ch !== undefined && ch !== null;
    if (hasRet || hasCh) {
      if (hasRet && typeof ret !== "boolean") rowError(ErrorCodes.INVALID_FIELD, i, "retained", ret, "a boolean");
      if (hasCh && typeof ch !== "boolean") rowError(ErrorCodes.INVALID_FIELD, i, "churned", ch, "a boolean");
      if (hasRet && hasCh && ret === ch) rowError(ErrorCodes.INCONSISTENT, i, "churned", ch, "churned to be the opposite of retained");
      (s[ST_N] as number)++;
      if (hasRet ? ret : !ch) (s[KEPT] as number)++;
    }
    const rep = r.repeatPurchase;
    if (rep !== undefined && rep !== null) {
      if (typeof rep !== "boolean") rowError(ErrorCodes.INVALID_FIELD, i, "repeatPurchase", rep, "a boolean");
      (s[REP_N] as number)++;
      if (rep) (s[REP] as number)++;
    }
    const rev = r.revenue;
    if (rev !== undefined && rev !== null) {
      if (typeof rev !== "number" || !Number.isFinite(rev)) rowError(ErrorCodes.NOT_FINITE, i, "revenue", rev, "a finite number");
      (s[REV_N] as number)++;
      (s[REV_S] as number) += rev;
      (s[REV_Q] as number) += rev * rev;
    }
    const clv = r.predictedClv;
    if (clv !== undefined && clv !== null) {
      if (typeof clv !== "number" || !Number.isFinite(clv)) rowError(ErrorCodes.NOT_FINITE, i, "predictedClv", clv, "a finite number");
      (s[CLV_N] as number)++;
      (s[CLV_S] as number) += clv;
      (s[CLV_Q] as number) += clv * clv;
    }
    const nps = r.nps;
    if (nps !== undefined && nps !== null) {
      if (!(Number.isInteger(nps) && nps >= 0 && nps <= 10)) scaleError(i, "nps", nps, 0, 10);
      if (nps >= 9) (s[PRO] as number)++;
      else if (nps >= 7) (s[PAS] as number)++;
      else (s[DET] as number)++;
    }
    const csat = r.csat;
    if (csat !== undefined && csat !== null) {
      if (!(Number.isInteger(csat) && csat >= 1 && csat <= 5)) scaleError(i, "csat", csat, 1, 5);
      (s[CS_N] as number)++;
      if (csat >= 4) (s[CS_SAT] as number)++;
      (s[CS_S] as number) += csat;
      (s[CS_Q] as number) += csat * csat;
    }
    if (nCov > 0) {
      const cv = r.covariates;
      if (cv !== undefined && cv !== null) {
        for (let c = 0; c < nCov; c++) {
          const v = cv[covariates[c] as string];
          if (v === undefined || v === null) continue;
          if (typeof v !== "number" || !Number.isFinite(v)) {
            throw new InputError(ErrorCodes.NOT_FINITE, `${FN} requires finite covariates, got ${show(v)} at rows[${i}].covariates.${covariates[c]}`, ["rows", i, "covariates", covariates[c] as string], v);
          }
          const o = BASE + 3 * c;
          (s[o] as number)++;
          (s[o + 1] as number) += v;
          (s[o + 2] as number) += v * v;
        }
      }
    }
  }

  // ---- groups: whole models (sums of segment groups with by: "segment") --------------------------
  if (bySegment) {
    if (costs !== null) for (const id of costs.keys()) byModel.set(id, { model: id, segment: null, stats: new Float64Array(width), ordinal: -1 });
    for (const g of fine) {
      let m = byModel.get(g.model);
      if (m === undefined) byModel.set(g.model, (m = { model: g.model, segment: null, stats: new Float64Array(width), ordinal: -1 }));
      for (let k = 0; k < width; k++) (m.stats[k] as number) += g.stats[k] as number;
    }
  }
  const modelGroups = [...byModel.values()].sort((a, b) => cmp(a.model, b.model));
  if (modelGroups.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${FN} requires at least one row or one model in options.models`, ["rows"], 0);
  const segmentGroups = bySegment ? [...fine].sort((a, b) => cmp(a.segment as string, b.segment as string) || cmp(a.model, b.model)) : [];
  const reference = pickReference(options.reference, costs, modelGroups);

  // ---- contexts: the whole population, then each segment ---------------------------------------
  const contexts: { segment: string | null; groups: Group[] }[] = [{ segment: null, groups: modelGroups }];
  if (bySegment) for (const seg of [...bySeg.keys()].sort(cmp)) contexts.push({ segment: seg, groups: segmentGroups.filter((g) => g.segment === seg) });

  const comparisons: MutableComparison[] = [];
  const roi: ModelRoi[] = [];
  const balance: CovariateBalance[] = [];
  const warnings: string[] = [];
  const values = keepRowGroup ? lazyRevenues(rows, rowGroup as Int32Array, fine) : null;
  const replicates = new Map<Group, Float64Array>();
  const replicatesOf = (g: Group): Float64Array => {
    let out = replicates.get(g);
    if (out === undefined && boot !== null && values !== null) {
      const key = `${g.segment ?? ""}\u0000${g.model}`;
      out = bootstrapMeans(values(g), boot.samples, mulberry32(Math.imul(boot.seed, 0x9e3779b1) ^ fnv1a(key)));
      replicates.set(g, out);
    }
    return out as Float64Array;
  };
  let bootUsed = false;

  for (const { segment, groups } of contexts) {
    const ref = groups.find((g) => g.model === reference);
    const where = segment === null ? "" : ` in segment ${segment}`;
    for (const g of groups) {
      if (g.model === reference) continue;
      for (const metric of METRICS) comparisons.push(compareMetric(metric, g, ref, reference, segment, level, where));
      const r = roiOf(g, ref, reference, segment, costs, level, boot !== null, where);
      if (r.bootstrap && ref !== undefined) {
        bootUsed = true;
        roi.push(withBootstrap(r.roi, replicatesOf(g), replicatesOf(ref), level));
      } else roi.push(r.roi);
      covariates.forEach((name, c) => {
        const b = balanceOf(name, c, g, ref, reference, segment);
        balance.push(b);
        if (b.imbalanced) {
          warnings.push(
            b.smd === null
              ? `covariate ${name} differs between model ${g.model} and reference ${reference}${where} (means ${b.meanModel} vs ${b.meanReference}, no spread in either group): the groups were not comparable before the period`
              : `covariate ${name}: standardized mean difference ${b.smd.toFixed(3)} between model ${g.model} and reference ${reference}${where} (|SMD| > 0.1, Austin 2009): the groups differed before the period, so the differences mix the model's effect with who was assigned to it`,
          );
        }
      });
    }
  }
  if (covariates.length === 0) warnings.push("composition not checked: no covariates given (options.covariates); the groups may differ before the period");

  const withP = comparisons.filter((c) => c.pValue !== null);
  if (withP.length > 0) {
    const adjusted = holmAdjust(withP.map((c) => c.pValue as number));
    withP.forEach((c, k) => (c.adjustedPValue = adjusted[k] as number));
  }

  return {
    reference,
    level,
    n: rows.length,
    models: modelGroups.map((g) => groupReport(g, costs, level)),
    segments: segmentGroups.map((g) => groupReport(g, costs, level)),
    comparisons,
    roi,
    balance,
    warnings,
    recommendation:
      "models are assigned by rule, not at random, so these differences are associations, not causal uplift: for causal uplift keep a holdout — a random share of each model's customers (e.g. 5–10%) served by the reference model — and compare each model with its own holdout (R. Kohavi, D. Tang & Y. Xu (2020), Trustworthy Online Controlled Experiments, ch. 2)",
    bootstrap: bootUsed && boot !== null ? { samples: boot.samples, seed: boot.seed } : null,
  };
}

const METRICS: readonly EffectivenessMetricId[] = ["nps", "csat", "retention", "churn", "repeatPurchase", "revenue", "predictedClv"];

type MutableComparison = { -readonly [K in keyof ModelComparison]: ModelComparison[K] };

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function rowError(code: string, i: number, field: string, value: unknown, what: string): never {
  throw new InputError(code, `${FN} requires ${what} at rows[${i}].${field}, got ${show(value)}`, ["rows", i, field], value);
}

function scaleError(i: number, field: string, v: unknown, min: number, max: number): never {
  if (typeof v !== "number" || !Number.isFinite(v)) rowError(ErrorCodes.NOT_FINITE, i, field, v, "a finite number");
  if (!Number.isInteger(v)) rowError(ErrorCodes.NOT_INTEGER, i, field, v, "an integer answer");
  return rowError(ErrorCodes.OUT_OF_RANGE, i, field, v, `an answer in ${min}–${max}`);
}

function checkModel(model: unknown, costs: Map<string, number> | null, i: number): asserts model is string {
  if (typeof model !== "string" || model === "") rowError(ErrorCodes.MODEL_INVALID, i, "model", model, "a model id");
  if (costs !== null && !costs.has(model)) {
    throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires every row's model to be in options.models, got ${model} at rows[${i}].model`, ["rows", i, "model"], model);
  }
}

function checkCosts(models: ModelEffectivenessOptions["models"]): Map<string, number> | null {
  if (models === undefined) return null;
  if (!Array.isArray(models)) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires options.models to be an array`, ["options", "models"], models);
  const out = new Map<string, number>();
  models.forEach((m, i) => {
    const path: InputPath = ["options", "models", i];
    if (typeof m?.id !== "string" || m.id === "") throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a model id at options.models[${i}].id`, [...path, "id"], m?.id);
    if (out.has(m.id)) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires unique model ids, got ${m.id} twice`, [...path, "id"], m.id);
    const c = m.cost?.perCustomer;
    if (!(typeof c === "number" && Number.isFinite(c) && c >= 0)) {
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a finite cost per customer ≥ 0 at options.models[${i}].cost.perCustomer, got ${show(c)}`, [...path, "cost", "perCustomer"], c);
    }
    out.set(m.id, c);
  });
  return out;
}

function checkBootstrap(b: ModelEffectivenessOptions["bootstrap"]): { samples: number; seed: number } | null {
  if (b === false) return null;
  const samples = b?.samples ?? 2000;
  const seed = b?.seed ?? 1;
  if (!(Number.isInteger(samples) && samples >= 10)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires bootstrap.samples to be an integer ≥ 10, got ${show(samples)}`, ["options", "bootstrap", "samples"], samples);
  }
  if (!Number.isInteger(seed)) throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires an integer bootstrap.seed, got ${show(seed)}`, ["options", "bootstrap", "seed"], seed);
  return { samples, seed };
}

function pickReference(given: string | undefined, costs: Map<string, number> | null, groups: readonly Group[]): string {
  if (given !== undefined) {
    const known = costs !== null ? costs.has(given) : groups.some((g) => g.model === given);
    if (!known) {
      throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires the reference to be one of the models, got ${show(given)}`, ["options", "reference"], given);
    }
    return given;
  }
  if (costs !== null) {
    let best: [string, number] | null = null;
    for (const [id, c] of costs) if (best === null || c < best[1]) best = [id, c];
    return (best as [string, number])[0];
  }
  let top = groups[0] as Group;
  for (const g of groups) if ((g.stats[N] as number) > (top.stats[N] as number)) top = g;
  return top.model;
}

function metric<T>(n: number, what: string, compute: () => T): EffectivenessMetric<T> {
  return n === 0 ? { n: 0, estimate: null, reason: `no ${what} in the group` } : { n, estimate: compute(), reason: null };
}

function meanWithTotal(n: number, sum: number, sq: number, level: number): MeanWithTotal {
  return { ...meanInterval(n, sum, sq, level), total: sum };
}

const npsCounts = (s: Float64Array): NpsCounts => ({ promoters: s[PRO] as number, passives: s[PAS] as number, detractors: s[DET] as number });

function groupReport(g: Group, costs: Map<string, number> | null, level: number): GroupEffectiveness {
  const s = g.stats;
  const at = (k: number) => s[k] as number;
  const npsN = at(PRO) + at(PAS) + at(DET);
  const stN = at(ST_N);
  return {
    model: g.model,
    segment: g.segment,
    n: at(N),
    costPerCustomer: costs?.get(g.model) ?? null,
    nps: metric(npsN, "NPS answers", () => netPromoterScoreFromCounts(npsCounts(s), { confidence: level })),
    csat: metric(at(CS_N), "CSAT answers", () => customerSatisfactionScoreFromStats({ n: at(CS_N), satisfied: at(CS_SAT), sum: at(CS_S), sumOfSquares: at(CS_Q) }, { confidence: level })),
    retention: metric(stN, "retained/churned status", () => retentionRate({ customersAtStart: stN, customersAtEnd: at(KEPT), newCustomers: 0 }, level)),
    churn: metric(stN, "retained/churned status", () => churnRate({ customersAtStart: stN, churned: stN - at(KEPT) }, level)),
    repeatPurchase: metric(at(REP_N), "repeat-purchase flag", () => repeatPurchaseRate({ customers: at(REP_N), repeatCustomers: at(REP) }, level)),
    revenue: metric(at(REV_N), "revenue", () => meanWithTotal(at(REV_N), at(REV_S), at(REV_Q), level)),
    predictedClv: metric(at(CLV_N), "predicted CLV", () => meanWithTotal(at(CLV_N), at(CLV_S), at(CLV_Q), level)),
  };
}

/** Successes and n of a rate-like metric, or means' sufficient statistics, from a group's statistics. */
function compareMetric(
  metricId: EffectivenessMetricId,
  g: Group,
  ref: Group | undefined,
  reference: string,
  segment: string | null,
  level: number,
  where: string,
): MutableComparison {
  const base: MutableComparison = { metric: metricId, model: g.model, reference, segment, difference: null, interval: null, pValue: null, adjustedPValue: null, reason: null };
  if (ref === undefined) return { ...base, reason: `the reference model ${reference} has no customers${where}` };
  const a = ref.stats;
  const b = g.stats;
  const at = (s: Float64Array, k: number) => s[k] as number;
  try {
    const rate = (nk: number, ck: number, flip = false) => {
      const f = (s: Float64Array) => ({ n: at(s, nk), successes: flip ? at(s, nk) - at(s, ck) : at(s, ck) });
      const A = f(a);
      const B = f(b);
      if (A.n === 0 || B.n === 0) return null;
      const d = differenceInProportions(A, B, level);
      return { difference: d.difference, interval: d.interval, pValue: d.pValue };
    };
    const mean = (nk: number, sk: number, qk: number) => {
      const f = (s: Float64Array) => ({ n: at(s, nk), sum: at(s, sk), sumOfSquares: at(s, qk) });
      const A = f(a);
      const B = f(b);
      if (A.n === 0 || B.n === 0) return null;
      const d = differenceInMeans(A, B, level);
      return { difference: d.difference, interval: d.interval, pValue: d.pValue };
    };
    let out: { difference: number; interval: Interval; pValue: number } | null;
    switch (metricId) {
      case "nps": {
        const A = npsCounts(a);
        const B = npsCounts(b);
        if (A.promoters + A.passives + A.detractors === 0 || B.promoters + B.passives + B.detractors === 0) out = null;
        else {
          const d = npsDifference(A, B, level);
          out = { difference: d.difference, interval: d.interval, pValue: d.pValue };
        }
        break;
      }
      case "csat":
        out = rate(CS_N, CS_SAT);
        break;
      case "retention":
        out = rate(ST_N, KEPT);
        break;
      case "churn":
        out = rate(ST_N, KEPT, true);
        break;
      case "repeatPurchase":
        out = rate(REP_N, REP);
        break;
      case "revenue":
        out = mean(REV_N, REV_S, REV_Q);
        break;
      case "predictedClv":
        out = mean(CLV_N, CLV_S, CLV_Q);
        break;
    }
    if (out === null) return { ...base, reason: `no ${metricId} observations in model ${g.model} or in the reference ${reference}${where}` };
    if (!(Number.isFinite(out.pValue) && Number.isFinite(out.interval.lower) && Number.isFinite(out.interval.upper))) {
      // Variances that underflow (values near 5e-324) leave Welch's df at 0 / 0.
      return { ...base, reason: `${metricId} of ${g.model} vs ${reference}${where} not comparable: the spread is too small to compute a test` };
    }
    return { ...base, ...out };
  } catch (e) {
    if (e instanceof InputError) return { ...base, reason: `${metricId} of ${g.model} vs ${reference}${where} not comparable: ${e.message}` };
    throw e;
  }
}

function roiOf(
  g: Group,
  ref: Group | undefined,
  reference: string,
  segment: string | null,
  costs: Map<string, number> | null,
  level: number,
  bootstrap: boolean,
  where: string,
): { roi: ModelRoi; bootstrap: boolean } {
  const empty: ModelRoi = {
    model: g.model,
    reference,
    segment,
    revenueDifferencePerCustomer: null,
    costDifferencePerCustomer: null,
    netValuePerCustomer: null,
    netValue: null,
    roi: null,
    interval: null,
    reason: null,
  };
  const no = (reason: string) => ({ roi: { ...empty, reason }, bootstrap: false });
  if (costs === null) return no("no costs given (options.models): ROI needs each model's cost per customer");
  const dCost = (costs.get(g.model) as number) - (costs.get(reference) as number);
  if (ref === undefined) return no(`the reference model ${reference} has no customers${where}`);
  const a = ref.stats;
  const b = g.stats;
  const nA = a[REV_N] as number;
  const nB = b[REV_N] as number;
  if (nA === 0 || nB === 0) return no(`no revenue observed in model ${g.model} or in the reference ${reference}${where}`);
  const dRev = (b[REV_S] as number) / nB - (a[REV_S] as number) / nA;
  const net = dRev - dCost;
  const known = { ...empty, revenueDifferencePerCustomer: dRev, costDifferencePerCustomer: dCost, netValuePerCustomer: net, netValue: net * (b[N] as number) };
  if (dCost === 0) return { roi: { ...known, reason: `model ${g.model} costs the same per customer as the reference ${reference}: ROI is undefined (cost difference 0); read netValuePerCustomer` }, bootstrap: false };
  if (dCost < 0) {
    return { roi: { ...known, reason: `model ${g.model} costs less per customer than the reference ${reference}: the incremental ROI is defined for an extra cost only; read netValuePerCustomer` }, bootstrap: false };
  }
  const value = net / dCost;
  if (bootstrap) return { roi: { ...known, roi: value }, bootstrap: true };
  let interval: Interval | null = null;
  let reason: string | null = null;
  try {
    const d = differenceInMeans({ n: nA, sum: a[REV_S] as number, sumOfSquares: a[REV_Q] as number }, { n: nB, sum: b[REV_S] as number, sumOfSquares: b[REV_Q] as number }, level);
    if (Number.isFinite(d.interval.lower) && Number.isFinite(d.interval.upper)) {
      interval = { lower: Math.min(value, (d.interval.lower - dCost) / dCost), upper: Math.max(value, (d.interval.upper - dCost) / dCost), level, method: "t" };
    } else reason = `no interval for the ROI of ${g.model}${where}: the revenue spread is too small to compute one`;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    reason = `no interval for the ROI of ${g.model}${where}: ${e.message}`;
  }
  return { roi: { ...known, roi: value, interval, reason }, bootstrap: false };
}

function withBootstrap(r: ModelRoi, model: Float64Array, ref: Float64Array, level: number): ModelRoi {
  const dCost = r.costDifferencePerCustomer as number;
  const value = r.roi as number;
  const reps = new Float64Array(model.length);
  for (let k = 0; k < reps.length; k++) reps[k] = ((model[k] as number) - (ref[k] as number) - dCost) / dCost;
  reps.sort();
  const lower = quantileSorted(reps, (1 - level) / 2);
  const upper = quantileSorted(reps, (1 + level) / 2);
  return { ...r, interval: { lower: Math.min(lower, value), upper: Math.max(upper, value), level, method: "bootstrap" } };
}

/** The revenues of a group, sorted ascending (collected on first use; a model's group joins its segments' values). */
function lazyRevenues(rows: readonly EffectivenessRow[], rowGroup: Int32Array, fine: readonly Group[]): (g: Group) => Float64Array {
  let perFine: Float64Array[] | null = null;
  const cache = new Map<Group, Float64Array>();
  const collect = (): Float64Array[] => {
    const out = fine.map((g) => new Float64Array(g.stats[REV_N] as number));
    const fill = new Int32Array(fine.length);
    for (let i = 0; i < rows.length; i++) {
      const v = (rows[i] as EffectivenessRow).revenue;
      if (v === undefined || v === null) continue;
      const k = rowGroup[i] as number;
      (out[k] as Float64Array)[fill[k] as number] = v;
      (fill[k] as number)++;
    }
    return out;
  };
  return (g) => {
    let v = cache.get(g);
    if (v !== undefined) return v;
    perFine ??= collect();
    const parts = g.ordinal >= 0 ? [perFine[g.ordinal] as Float64Array] : fine.filter((f) => f.model === g.model).map((f) => perFine?.[f.ordinal] as Float64Array);
    v = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) (v.set(p, o), (o += p.length));
    v.sort();
    cache.set(g, v);
    return v;
  };
}

function balanceOf(name: string, c: number, g: Group, ref: Group | undefined, reference: string, segment: string | null): CovariateBalance {
  const o = BASE + 3 * c;
  const stat = (s: Float64Array | undefined) => {
    const n = s === undefined ? 0 : (s[o] as number);
    if (s === undefined || n === 0) return { n, mean: null, variance: null };
    const sum = s[o + 1] as number;
    const mean = sum / n;
    return { n, mean, variance: n < 2 ? null : Math.max(0, ((s[o + 2] as number) - (sum * sum) / n) / (n - 1)) };
  };
  const m = stat(g.stats);
  const r = stat(ref?.stats);
  const base = { covariate: name, model: g.model, reference, segment, nModel: m.n, nReference: r.n, meanModel: m.mean, meanReference: r.mean };
  if (m.variance === null || r.variance === null || m.mean === null || r.mean === null) {
    return { ...base, smd: null, imbalanced: false, reason: `fewer than 2 values of ${name} in model ${g.model} or in the reference ${reference}` };
  }
  const pooled = Math.sqrt((m.variance + r.variance) / 2);
  if (pooled === 0) {
    const same = m.mean === r.mean;
    return { ...base, smd: same ? 0 : null, imbalanced: !same, reason: same ? null : `${name} has no spread in either group and the means differ` };
  }
  const smd = (m.mean - r.mean) / pooled;
  return { ...base, smd, imbalanced: Math.abs(smd) > 0.1, reason: null };
}

/** FNV-1a 32-bit hash of a string (to seed each group's generator from its key). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
