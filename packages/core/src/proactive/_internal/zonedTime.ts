// Wall-clock arithmetic in IANA time zones through Intl, the approach of responseTime/businessMillisBetween
// (no time-zone database of our own).

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at an instant. */
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

/** Minutes after local midnight (fractional) of an instant. */
export function localMinutes(timeZone: string, at: number): number {
  const wall = at + offsetAt(timeZone, at);
  return (((wall % DAY) + DAY) % DAY) / 60_000;
}

/** Is local minute m inside [start, end) (wrapping midnight when start > end)? */
export function inQuiet(m: number, start: number, end: number): boolean {
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/**
 * When quiet hours [start, end) (local minutes, wrapping midnight when start > end) that contain `at` end, as
 * a UTC instant; undefined when `at` is not in quiet hours. DST gaps move the end forward.
 */
export function quietHoursEnd(timeZone: string, at: number, start: number, end: number): number | undefined {
  const wall = at + offsetAt(timeZone, at);
  const ms = ((wall % DAY) + DAY) % DAY;
  const m = ms / 60_000;
  if (!inQuiet(m, start, end)) return undefined;
  const dayStart = wall - ms;
  const endDay = start > end && m >= start ? dayStart + DAY : dayStart;
  let until = localToUtc(timeZone, endDay + end * 60_000);
  // Around a DST change the conversion can land a little early: step to the first instant outside quiet hours.
  for (let k = 0; k < 4 && inQuiet(localMinutes(timeZone, until), start, end); k++) until += 30 * 60_000;
  return Math.max(until, at);
}
