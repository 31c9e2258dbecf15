import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import { costToServe } from "./costToServe.js";
import type { EngagementModel } from "./EngagementModel.js";
import { engagementModelCatalog } from "./engagementModelCatalog.js";

/** The business {@link recommendEngagementModels} recommends models for. */
export interface RecommendationInput {
  /** Number of active customers (a non-negative integer). */
  readonly customers: number;
  /** Average value (revenue or margin) of one customer per month, ≥ 0. */
  readonly averageValue: number;
  readonly market?: "B2B" | "B2C";
  /** How complex the product is to buy and use (low: a routine purchase; high: implementation, training). */
  readonly complexity?: "low" | "mid" | "high";
  /** Coefficient of variation of customer value (standard deviation / mean), ≥ 0. */
  readonly valueSpread?: number;
}

/** Options of {@link recommendEngagementModels}. */
export interface RecommendationOptions {
  /** Models to rank (default: the {@link engagementModelCatalog}). */
  readonly models?: readonly EngagementModel[];
  /** Monthly cost of one-to-one coverage of one account; replaces the cost to serve of the high-touch models (touchLevel "high"). */
  readonly costPerCsmAccount?: number;
}

/** One ranked model of {@link recommendEngagementModels}. */
export interface ModelRecommendation {
  readonly model: string;
  /** Fit in [0, 1]; 0 when the model costs more than a customer is worth. */
  readonly fit: number;
  /** Why, citing the input numbers. */
  readonly reasons: readonly string[];
}

/**
 * The thresholds {@link recommendEngagementModels} classifies a business with:
 * volume low below 1,000 customers (a book that named people can carry), high
 * from 50,000 (mass market, automation needed); monthly value per customer low
 * below 50, high from 1,000 (pays for a share of a named person: a CSM at
 * 8,000 a month over 40 accounts costs 200 an account); value spread (CV)
 * diverse from 1 (the standard deviation of value reaches its mean, as in
 * heavy-tailed customer bases), homogeneous up to 0.5.
 *
 * @category Models
 * @example
 * recommendationThresholds.highVolumeFrom // => 50000
 */
export const recommendationThresholds = Object.freeze({
  lowVolumeBelow: 1_000,
  highVolumeFrom: 50_000,
  lowValueBelow: 50,
  highValueFrom: 1_000,
  diverseSpreadFrom: 1,
  homogeneousSpreadTo: 0.5,
});
const { lowVolumeBelow: LOW_VOLUME_BELOW, highVolumeFrom: HIGH_VOLUME_FROM, lowValueBelow: LOW_VALUE_BELOW, highValueFrom: HIGH_VALUE_FROM, diverseSpreadFrom: DIVERSE_SPREAD_FROM, homogeneousSpreadTo: HOMOGENEOUS_SPREAD_TO } = recommendationThresholds;

const WEIGHTS = { volume: 0.25, dealSize: 0.25, market: 0.15, complexity: 0.15, spread: 0.3, affordability: 0.1 } as const;
const LEVEL = { low: 0, mid: 1, high: 2 } as const;
const TOUCH = { tech: 0, low: 1, high: 2 } as const;
/** Score of a class 0, 1 or 2 steps away from the model's best-for class; "any" scores ANY. */
const STEP = [1, 0.5, 0.1] as const;
const ANY = 0.8;

const FN = "recommendEngagementModels";

/**
 * Ranks engagement models for a business, making the seeds' guidance
 * explicit: luxury or B2B, high value, low volume → high-touch or customer
 * success manager; mass market (B2C, low value, high volume) → low-touch or
 * automated retention; a diverse base (high value spread) → hybrid.
 *
 * Classes ({@link recommendationThresholds}):
 * - volume: low below 1,000 customers, high from 50,000, mid between;
 * - deal size: monthly value low below 50, high from 1,000, mid between;
 * - spread: diverse from CV 1 (the standard deviation of value reaches its
 *   mean, as in heavy-tailed customer bases), homogeneous up to 0.5.
 *
 * Fit. A model fits only if a customer's monthly value covers its monthly
 * cost to serve ({@link costToServe}, or `costPerCsmAccount` for high-touch
 * models): otherwise fit = 0. Else fit is the weighted mean of the factor
 * scores present (weights: volume 0.25, deal size 0.25, market 0.15,
 * complexity 0.15, spread 0.3, affordability 0.1; market, complexity and
 * spread count only when given):
 * - volume, deal size: 1 when the class equals the model's `bestFor` class, 0.5 one step off, 0.1 two steps off, 0.8 for "any";
 * - market: 1 when `bestFor.markets` includes it, else 0.5;
 * - complexity: 1 − 0.25 · |complexity − touch level| (low/mid/high against tech/low/high);
 * - spread: for a hybrid model `0.7 + 0.3 · t`, for others `1 − 0.6 · t`, with
 *   t = clamp((CV − 0.5) / 0.5, 0, 1);
 * - affordability: 1 − cost / value.
 * So fit ∈ [0, 1]. Ranking: fit descending, then model id ascending (deterministic).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` / `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` with the input's path (`["customers"]`, `["averageValue"]`, `["valueSpread"]`, `["options", "costPerCsmAccount"]`); `METRIC.INVALID_OPTION` for an unknown market or complexity
 * @category Models
 * @example
 * recommendEngagementModels({ customers: 300, averageValue: 4_000, market: "B2B", complexity: "high" })[0]?.model // => "csm"
 * recommendEngagementModels({ customers: 200_000, averageValue: 30, market: "B2C", complexity: "low" })[0]?.model // => "automated_retention"
 */
export function recommendEngagementModels(input: RecommendationInput, options: RecommendationOptions = {}): ModelRecommendation[] {
  const customers = count(input.customers, ["customers"]);
  const value = nonNegative(input.averageValue, ["averageValue"]);
  const spread = input.valueSpread === undefined ? undefined : nonNegative(input.valueSpread, ["valueSpread"]);
  const csmCost = options.costPerCsmAccount === undefined ? undefined : nonNegative(options.costPerCsmAccount, ["options", "costPerCsmAccount"]);
  if (input.market !== undefined && input.market !== "B2B" && input.market !== "B2C") bad(ErrorCodes.INVALID_OPTION, "a market B2B or B2C", ["market"], input.market);
  if (input.complexity !== undefined && !(input.complexity in LEVEL)) bad(ErrorCodes.INVALID_OPTION, "a complexity low, mid or high", ["complexity"], input.complexity);

  const volume: keyof typeof LEVEL = customers < LOW_VOLUME_BELOW ? "low" : customers >= HIGH_VOLUME_FROM ? "high" : "mid";
  const deal: keyof typeof LEVEL = value < LOW_VALUE_BELOW ? "low" : value >= HIGH_VALUE_FROM ? "high" : "mid";
  const t = spread === undefined ? 0 : Math.min(1, Math.max(0, (spread - HOMOGENEOUS_SPREAD_TO) / (DIVERSE_SPREAD_FROM - HOMOGENEOUS_SPREAD_TO)));
  const volumeWhy = `${customers} customers is ${volume} volume (low < ${LOW_VOLUME_BELOW}, high ≥ ${HIGH_VOLUME_FROM})`;
  const dealWhy = `an average value of ${value} a month is a ${deal} deal size (low < ${LOW_VALUE_BELOW}, high ≥ ${HIGH_VALUE_FROM})`;

  const out = (options.models ?? engagementModelCatalog).map((m): ModelRecommendation => {
    const monthly = csmCost !== undefined && m.touchLevel === "high" ? csmCost : costToServe(m, "month").perCustomer;
    const costWhy = `costs ${round(monthly)} per customer a month${csmCost !== undefined && m.touchLevel === "high" ? " (costPerCsmAccount)" : ""}`;
    if (monthly > value) {
      return { model: m.id, fit: 0, reasons: [`${costWhy}, more than the average value of ${value} a month: it does not pay for itself`] };
    }
    const reasons: string[] = [];
    let sum = 0;
    let weights = 0;
    const add = (w: number, score: number, why: string): void => {
      sum += w * score;
      weights += w;
      reasons.push(why);
    };
    const level = (best: "low" | "mid" | "high" | "any", actual: keyof typeof LEVEL): number => (best === "any" ? ANY : STEP[Math.abs(LEVEL[best] - LEVEL[actual])] ?? 0);
    const vs = level(m.bestFor.volume, volume);
    add(WEIGHTS.volume, vs, `${volumeWhy}; the model is best for ${m.bestFor.volume} volume (score ${vs})`);
    const ds = level(m.bestFor.dealSize, deal);
    add(WEIGHTS.dealSize, ds, `${dealWhy}; the model is best for ${m.bestFor.dealSize} deal sizes (score ${ds})`);
    if (input.market !== undefined) {
      const ok = m.bestFor.markets.includes(input.market);
      add(WEIGHTS.market, ok ? 1 : 0.5, ok ? `serves the ${input.market} market` : `is meant for ${m.bestFor.markets.join(" and ")}, not ${input.market} (score 0.5)`);
    }
    if (input.complexity !== undefined) {
      const cs = 1 - 0.25 * Math.abs(LEVEL[input.complexity] - TOUCH[m.touchLevel]);
      add(WEIGHTS.complexity, cs, `${input.complexity} complexity against ${m.touchLevel} touch (score ${cs})`);
    }
    if (spread !== undefined) {
      const hybrid = m.kind === "hybrid";
      const ss = hybrid ? 0.7 + 0.3 * t : 1 - 0.6 * t;
      const base = spread >= DIVERSE_SPREAD_FROM ? `a value spread of ${spread} (≥ ${DIVERSE_SPREAD_FROM}) is a diverse base` : spread <= HOMOGENEOUS_SPREAD_TO ? `a value spread of ${spread} (≤ ${HOMOGENEOUS_SPREAD_TO}) is a homogeneous base` : `a value spread of ${spread} is a mixed base`;
      add(WEIGHTS.spread, ss, `${base}; ${hybrid ? "a hybrid model serves its parts differently" : "one model for everyone fits it less"} (score ${round(ss)})`);
    }
    const as = value === 0 ? 1 : 1 - monthly / value;
    add(WEIGHTS.affordability, as, `${costWhy}, ${round((100 * monthly) / (value === 0 ? 1 : value))}% of the average value of ${value}`);
    return { model: m.id, fit: Math.min(1, Math.max(0, sum / weights)), reasons };
  });
  return out.sort((a, b) => b.fit - a.fit || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

function bad(code: string, what: string, path: InputPath, value: unknown): never {
  throw new InputError(code, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(value)}`, path, value);
}

function nonNegative(v: unknown, path: InputPath): number {
  if (typeof v !== "number" || !Number.isFinite(v)) bad(ErrorCodes.NOT_FINITE, "a finite number", path, v);
  if (v < 0) bad(ErrorCodes.OUT_OF_RANGE, "a non-negative number", path, v);
  return v;
}

function count(v: unknown, path: InputPath): number {
  const n = nonNegative(v, path);
  if (!Number.isInteger(n)) bad(ErrorCodes.NOT_INTEGER, "an integer count", path, n);
  return n;
}
