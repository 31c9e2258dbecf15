/** Milliseconds in a day (UTC days: no daylight-saving adjustments). */
export const DAY_MS = 86_400_000;

/** Epoch ms of a date trait: numbers are epoch ms, strings are parsed as ISO 8601; anything else is NaN. */
export function toTime(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  return Number.NaN;
}

/** First index i with sorted[i] > x (sorted ascending). */
export function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
