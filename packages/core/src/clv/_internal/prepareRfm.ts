import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertCount, assertFinite } from "../../_internal/assert.js";
import type { RfmCustomer, RfmData } from "../RfmData.js";

/** Validated RFM rows with identical (x, t_x, T) merged into one weighted row. */
export interface PreparedRfm {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Σ weights = number of customers. */
  readonly total: number;
  readonly maxX: number;
  /** countByX[k] = Σ weights of rows with x = k. */
  readonly countByX: Float64Array;
  /** Σ w·T, for starting values. */
  readonly meanT: number;
}

/** Checks one customer's summary (used by every prediction). */
export function assertCustomer(fn: string, c: RfmCustomer, path: readonly (string | number)[] = ["customer"]): void {
  assertCount(fn, c.frequency, [...path, "frequency"]);
  assertFinite(fn, c.recency, [...path, "recency"]);
  assertFinite(fn, c.T, [...path, "T"]);
  checkRow(fn, c.frequency, c.recency, c.T, path);
}

function checkRow(fn: string, x: number, tx: number, T: number, path: readonly (string | number)[]): void {
  if (tx < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative recency, got ${tx}`, [...path, "recency"], tx);
  if (T < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative age T, got ${T}`, [...path, "T"], T);
  if (tx > T) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires recency ≤ T, got recency ${tx} > T ${T}`, [...path, "recency"], tx);
  if (x === 0 && tx !== 0) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires recency 0 when frequency is 0, got recency ${tx}`, [...path, "recency"], tx);
  }
}

/**
 * Validates column data (equal lengths, non-empty, x a count, 0 ≤ t_x ≤ T,
 * x = 0 ⇒ t_x = 0, finite) and merges identical rows. O(n).
 */
export function prepareRfm(fn: string, data: RfmData): PreparedRfm {
  const { frequency, recency, T } = data;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || (data.weights !== undefined && data.weights.length !== n)) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires columns of equal length, got frequency ${n}, recency ${recency.length}, T ${T.length}`, ["data"], n);
  }
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer`, ["data", "frequency"], n);
  // Open-addressing hash of (x, t_x, T) → row, cheaper than string keys.
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const table = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const mix = (h: number, v: number): number => {
    f64[0] = v;
    h = Math.imul(h ^ (u32[0] as number), 0x9e3779b1);
    h = Math.imul(h ^ (u32[1] as number), 0x85ebca6b);
    return h ^ (h >>> 15);
  };
  // MurmurHash3's finaliser, so the low bits used by the mask depend on every input bit.
  const fmix = (h: number): number => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  };
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  let total = 0;
  let sumT = 0;
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const t = T[i];
    assertCount(fn, x, ["data", "frequency", i]);
    assertFinite(fn, tx, ["data", "recency", i]);
    assertFinite(fn, t, ["data", "T", i]);
    checkRow(fn, x, tx, t, ["data", i]);
    let w = 1;
    if (data.weights !== undefined) {
      const wi = data.weights[i];
      assertFinite(fn, wi, ["data", "weights", i]);
      if (wi < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires non-negative weights, got ${wi}`, ["data", "weights", i], wi);
      w = wi;
    }
    if (w === 0) continue;
    total += w;
    sumT += w * t;
    if (x > maxX) maxX = x;
    let slot = fmix(mix(mix(mix(0, x), tx), t)) & mask;
    let at = -1;
    for (;;) {
      const j = table[slot] as number;
      if (j < 0) break;
      if (xs[j] === x && txs[j] === tx && Ts[j] === t) {
        at = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (at < 0) {
      table[slot] = xs.length;
      xs.push(x);
      txs.push(tx);
      Ts.push(t);
      ws.push(w);
    } else {
      ws[at] = (ws[at] as number) + w;
    }
  }
  if (total === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires a positive total weight`, ["data", "weights"], total);
  const countByX = new Float64Array(maxX + 1);
  for (let i = 0; i < xs.length; i++) countByX[xs[i] as number] = (countByX[xs[i] as number] as number) + (ws[i] as number);
  return {
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    w: Float64Array.from(ws),
    total,
    maxX,
    countByX,
    meanT: sumT / total,
  };
}
