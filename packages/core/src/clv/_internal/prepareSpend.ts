import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertCount, assertFinite } from "../../_internal/assert.js";
import type { SpendData } from "../SpendData.js";

/** Repeat customers only, with per-x groups for the x-only terms. */
export interface PreparedSpend {
  readonly x: Float64Array;
  readonly m: Float64Array;
  /** ln m and x·ln x, constant during a fit. */
  readonly lnM: Float64Array;
  readonly n: number;
  /** Distinct x values and how many customers have each. */
  readonly distinctX: Float64Array;
  readonly countX: Float64Array;
  /** Σ (x ln m + x ln x) per distinct x, and Σ ln m overall. */
  readonly sumXlnMxByX: Float64Array;
  readonly sumLnM: number;
  /** Pearson correlation of x and m over repeat customers (NaN when either is constant). */
  readonly correlation: number;
}

/** Validates spend data (x a count, m finite; m > 0 when x > 0) and keeps customers with x > 0. O(n). */
export function prepareSpend(fn: string, data: SpendData): PreparedSpend {
  const n = data.frequency.length;
  if (data.monetaryValue.length !== n) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires columns of equal length, got frequency ${n}, monetaryValue ${data.monetaryValue.length}`, ["data"], n);
  }
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const m = data.monetaryValue[i];
    assertCount(fn, x, ["data", "frequency", i]);
    assertFinite(fn, m, ["data", "monetaryValue", i]);
    if (m < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative monetary value, got ${m}`, ["data", "monetaryValue", i], m);
    if (x === 0) continue;
    if (m === 0) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive monetary value for a repeat customer, got 0`, ["data", "monetaryValue", i], m);
    }
    xs.push(x);
    ms.push(m);
  }
  if (xs.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer with a repeat purchase`, ["data", "frequency"], 0);
  const groups = new Map<number, number>();
  for (const x of xs) groups.set(x, (groups.get(x) ?? 0) + 1);
  const distinctX = Float64Array.from([...groups.keys()].sort((u, v) => u - v));
  const countX = Float64Array.from(distinctX, (x) => groups.get(x) ?? 0);
  const slot = new Map<number, number>();
  distinctX.forEach((x, k) => slot.set(x, k));
  const sumXlnMxByX = new Float64Array(distinctX.length);
  const lnM = Float64Array.from(ms, Math.log);
  let sumLnM = 0;
  let sx = 0;
  let sm = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const k = slot.get(x) as number;
    sumXlnMxByX[k] = (sumXlnMxByX[k] as number) + x * ((lnM[i] as number) + Math.log(x));
    sumLnM += lnM[i] as number;
    sx += x;
    sm += ms[i] as number;
  }
  const mx = sx / xs.length;
  const mm = sm / xs.length;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ms[i] as number) - mm;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  return {
    x: Float64Array.from(xs),
    m: Float64Array.from(ms),
    lnM,
    n: xs.length,
    distinctX,
    countX,
    sumXlnMxByX,
    sumLnM,
    correlation: cxy / Math.sqrt(cxx * cyy),
  };
}
