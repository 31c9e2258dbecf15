// Display formatting only: the charts plot the API's full-precision values.

/** @param x a share in [0, 1] */
export const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
export const intervalText = (i: { lower: number; upper: number }, f: (x: number) => string) => `${f(i.lower)} – ${f(i.upper)}`;
/** Milliseconds in the largest unit that keeps the number readable. */
export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 90) return `${s.toFixed(0)} s`;
  if (s < 90 * 60) return `${(s / 60).toFixed(1)} min`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}
/** Every month from the first to the last key (YYYY-MM), so a month without answers shows as a gap. */
export function monthRange(keys: readonly string[]): string[] {
  const sorted = [...keys].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    out.push(key);
    m += 1;
    if (m > 12) (m = 1), (y += 1);
    key = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out;
}
