import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertCount, assertFinite } from "../../_internal/assert.js";
import type { BgBbCustomer, BgBbData } from "../BgBbData.js";

/** Validated BG/BB rows (weights > 0 only). */
export interface PreparedBgBb {
  readonly x: Int32Array;
  readonly tx: Int32Array;
  readonly n: Int32Array;
  readonly w: Float64Array;
  readonly total: number;
}

/** Throws unless x, t_x, n are counts with x ≤ t_x ≤ n and x = 0 ⇔ t_x = 0. */
export function assertBgBbCustomer(fn: string, x: unknown, tx: unknown, n: unknown, path: readonly (string | number)[]): void {
  assertCount(fn, x, [...path, "frequency"]);
  assertCount(fn, tx, [...path, "recency"]);
  assertCount(fn, n, [...path, "periods"]);
  if (tx > n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires recency ≤ periods, got ${tx} > ${n}`, [...path, "recency"], tx);
  if (x > tx) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires frequency ≤ recency, got ${x} > ${tx}`, [...path, "frequency"], x);
  if (x === 0 && tx !== 0) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires recency 0 when frequency is 0, got recency ${tx}`, [...path, "recency"], tx);
}

/** Checks one customer. */
export function assertBgBbRow(fn: string, c: BgBbCustomer): void {
  assertBgBbCustomer(fn, c.frequency, c.recency, c.periods, ["customer"]);
}

/** Validates column data. O(n). */
export function prepareBgBb(fn: string, data: BgBbData): PreparedBgBb {
  const len = data.frequency.length;
  if (data.recency.length !== len || data.periods.length !== len || (data.weights !== undefined && data.weights.length !== len)) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires columns of equal length`, ["data"], len);
  }
  if (len === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer`, ["data", "frequency"], len);
  const x: number[] = [];
  const tx: number[] = [];
  const n: number[] = [];
  const w: number[] = [];
  let total = 0;
  for (let i = 0; i < len; i++) {
    assertBgBbCustomer(fn, data.frequency[i], data.recency[i], data.periods[i], ["data", i]);
    let wi = 1;
    if (data.weights !== undefined) {
      const v = data.weights[i];
      assertFinite(fn, v, ["data", "weights", i]);
      if (v < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires non-negative weights, got ${v}`, ["data", "weights", i], v);
      wi = v;
    }
    if (wi === 0) continue;
    x.push(data.frequency[i] as number);
    tx.push(data.recency[i] as number);
    n.push(data.periods[i] as number);
    w.push(wi);
    total += wi;
  }
  if (total === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires a positive total weight`, ["data", "weights"], total);
  return { x: Int32Array.from(x), tx: Int32Array.from(tx), n: Int32Array.from(n), w: Float64Array.from(w), total };
}
