// Wall-clock arithmetic in IANA time zones through Intl (no time-zone database of our own), shared by
// responseTime (business hours) and proactive (quiet hours).

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at an instant. Whole seconds, floored, as Intl formats them (also before 1970). */
export function offsetAt(timeZone: string, at: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const local = Date.UTC(p.year as number, (p.month as number) - 1, p.day as number, p.hour as number, p.minute as number, p.second as number);
  const whole = Math.floor(at / 1000) * 1000;
  return local - whole;
}

/** The UTC instant of a local wall time (epoch ms as if the wall time were UTC); DST gaps move forward. */
export function localToUtc(timeZone: string, wall: number): number {
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return guess;
}
