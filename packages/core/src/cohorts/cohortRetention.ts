import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/** Calendar granularity of cohorts and periods (UTC). */
export type CohortPeriod = "day" | "week" | "month";

/** An acquisition-cohort retention matrix. */
export interface CohortRetention {
  readonly period: CohortPeriod;
  readonly mode: "classic" | "rolling";
  /** Cohort labels: `YYYY-MM-DD` (day, and the Monday of a week) or `YYYY-MM` (month). */
  readonly cohorts: readonly string[];
  /** Customers acquired in each cohort (active for the first time in that period). */
  readonly sizes: readonly number[];
  /** counts[c][k]: customers of cohort c active in period c + k (classic) or in c + k or later (rolling). */
  readonly counts: readonly (readonly number[])[];
  /** shares[c][k] = counts[c][k] / sizes[c], in [0, 1]. */
  readonly shares: readonly (readonly number[])[];
}

const DAY = 86_400_000;

/**
 * Year·12 + month (0-based) of a day count since 1970-01-01, by integer
 * arithmetic (H. Hinnant's civil-from-days) — a Date per row was the hot spot.
 */
function monthIndexOfDay(z: number): number {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9; // 1–12
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/** Period index of an instant: days, Monday-based ISO weeks, or months since 1970 (UTC). */
/**
 * A table from id to customer number (−1 = not seen yet) when every id is an
 * integer in [0, 4n + 2²⁰] held in a typed array; null otherwise.
 */
function denseIndex(customers: ArrayLike<string | number>, n: number): Int32Array | null {
  if (!ArrayBuffer.isView(customers)) return null;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = customers[i] as number;
    if (!Number.isInteger(v) || v < 0) return null;
    if (v > max) max = v;
  }
  return max <= 4 * n + 1_048_576 ? new Int32Array(max + 1).fill(-1) : null;
}

function periodOfDay(day: number, period: CohortPeriod): number {
  if (period === "day") return day;
  if (period === "week") return Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday
  return monthIndexOfDay(day);
}

function labelOf(index: number, period: CohortPeriod): string {
  if (period === "month") return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  const day = period === "day" ? index : index * 7 - 3;
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * Acquisition-cohort retention: customers grouped by the period (UTC day,
 * ISO week starting Monday, or month) of their first activity, and for each
 * later period k the number of them active again.
 *
 * Definitions: *classic* retention counts cohort members with any activity in
 * period c + k; *rolling* (unbounded) retention counts those active in c + k
 * or any later period — the share not yet lost for good. Period 0 is the
 * whole cohort by construction. Columns run to the last period with data.
 *
 * Source: the cohort-analysis convention of product-analytics tools (e.g.
 * Amplitude's "N-day" and "unbounded" retention).
 *
 * Range: 0 ≤ counts[c][k] ≤ sizes[c]; rolling ≥ classic cell by cell; rolling
 * is non-increasing in k. Complexity: O(n + cohorts × periods).
 *
 * @param customers - customer ids, one per activity (any order)
 * @param times - epoch ms of each activity, same length
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no activity; `METRIC.INCONSISTENT` for different lengths;
 *   `METRIC.NOT_FINITE` for a bad time, with its position
 * @category Retention
 * @example
 * const r = cohortRetention(["a", "b", "a"], [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 9), Date.UTC(2024, 1, 2)], "month");
 * [r.cohorts, r.counts] // => [["2024-01"], [[2, 1]]]
 */
export function cohortRetention(
  customers: ArrayLike<string | number>,
  times: ArrayLike<number>,
  period: CohortPeriod = "month",
  mode: "classic" | "rolling" = "classic",
): CohortRetention {
  const fn = "cohortRetention";
  const n = customers.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one activity`, ["customers"], 0);
  if (times.length !== n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires one time per activity, got ${times.length} for ${n}`, ["times"], times.length);
  // Per customer: first period, and the set of active periods (as a sorted unique list later).
  // Customers numbered in order of appearance: through a dense table when the ids are small
  // non-negative integers in a typed array (database ids), else through a Map.
  const dense = denseIndex(customers, n);
  const ids = dense ? null : new Map<string | number, number>();
  let C = 0;
  const cust = new Int32Array(n);
  const per = new Int32Array(n);
  let lastDay = Number.NaN;
  let lastPeriod = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t)) throw new InputError(ErrorCodes.NOT_FINITE, `${fn} requires finite times, got ${t} at times[${i}]`, ["times", i], t);
    let c: number;
    if (dense) {
      const key = customers[i] as number;
      c = dense[key] as number;
      if (c < 0) dense[key] = c = C++;
    } else {
      const key = customers[i] as string | number;
      const seen = (ids as Map<string | number, number>).get(key);
      if (seen === undefined) (ids as Map<string | number, number>).set(key, (c = C++));
      else c = seen;
    }
    cust[i] = c;
    // Logs come in time order more often than not: consecutive rows share a day.
    const day = Math.floor(t / DAY);
    if (day !== lastDay) {
      lastDay = day;
      lastPeriod = periodOfDay(day, period);
    }
    per[i] = lastPeriod;
  }
  const first = new Int32Array(C).fill(2 ** 31 - 1);
  const last = new Int32Array(C).fill(-(2 ** 31));
  let minP = 2 ** 31 - 1;
  let maxP = -(2 ** 31);
  for (let i = 0; i < n; i++) {
    const c = cust[i] as number;
    const p = per[i] as number;
    if (p < (first[c] as number)) first[c] = p;
    if (p > (last[c] as number)) last[c] = p;
    if (p < minP) minP = p;
    if (p > maxP) maxP = p;
  }
  const P = maxP - minP + 1;
  const counts: number[][] = Array.from({ length: P }, (_, c) => new Array<number>(P - c).fill(0));
  const sizes = new Array<number>(P).fill(0);
  for (let c = 0; c < C; c++) sizes[(first[c] as number) - minP] = (sizes[(first[c] as number) - minP] as number) + 1;
  if (mode === "rolling") {
    // Active in k or later ⇔ the customer's last active period ≥ c + k.
    for (let c = 0; c < C; c++) {
      const row = counts[(first[c] as number) - minP] as number[];
      const span = (last[c] as number) - (first[c] as number);
      for (let k = 0; k <= span; k++) row[k] = (row[k] as number) + 1;
    }
  } else {
    // Classic: count each (customer, period) once — a flag array when it is small, else a set.
    const flags = C * P <= 64_000_000 ? new Uint8Array(C * P) : null;
    const seen = flags ? null : new Set<number>();
    for (let i = 0; i < n; i++) {
      const c = cust[i] as number;
      const k = (per[i] as number) - (first[c] as number);
      const key = c * P + k;
      if (flags) {
        if (flags[key] === 1) continue;
        flags[key] = 1;
      } else {
        if ((seen as Set<number>).has(key)) continue;
        (seen as Set<number>).add(key);
      }
      const row = counts[(first[c] as number) - minP] as number[];
      row[k] = (row[k] as number) + 1;
    }
  }
  const cohorts: string[] = [];
  const keep: number[] = [];
  for (let c = 0; c < P; c++) if ((sizes[c] as number) > 0) (keep.push(c), cohorts.push(labelOf(minP + c, period)));
  return {
    period,
    mode,
    cohorts,
    sizes: keep.map((c) => sizes[c] as number),
    counts: keep.map((c) => counts[c] as number[]),
    shares: keep.map((c) => (counts[c] as number[]).map((v) => v / (sizes[c] as number))),
  };
}
