import { quantileSorted } from "../../stats/quantile.js";
import type { DurationSummary } from "../FunnelResult.js";

/** Median and p90 (type 7) of `values[0..n)`, sorted in place; null when n = 0. */
export function summarizeDurations(values: Float64Array, n: number): DurationSummary | null {
  if (n === 0) return null;
  const v = values.subarray(0, n).sort();
  return { n, median: quantileSorted(v, 0.5), p90: quantileSorted(v, 0.9) };
}
