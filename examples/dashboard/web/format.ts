// Display formatting only: the charts plot the API's full-precision values.

/** @param x a share in [0, 1] */
export const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
export const intervalText = (i: { lower: number; upper: number }, f: (x: number) => string) => `${f(i.lower)} – ${f(i.upper)}`;
/** Milliseconds as hours, or days past two days. */
export function duration(ms: number): string {
  const h = ms / 3_600_000;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
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
