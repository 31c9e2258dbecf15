import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import { localToUtc, offsetAt } from "../_internal/zonedTime.js";
import type { BusinessCalendar } from "./BusinessCalendar.js";

const DAY = 86_400_000;
/** Local calendar day (as a UTC-midnight timestamp) of an instant. */
function localDay(timeZone: string, at: number): number {
  const wall = at + offsetAt(timeZone, at);
  return wall - (((wall % DAY) + DAY) % DAY);
}

/**
 * Business time between two instants: the milliseconds of [start, end) that
 * fall inside the calendar's working hours, in its time zone, skipping
 * holidays. A ticket opened Friday 17:55 and answered Monday 09:05 with
 * 09:00–18:00 Monday–Friday hours took 10 business minutes.
 *
 * Definition: Σ over local days d from start's to end's, for each working
 * interval [a, b) of d's weekday (d not a holiday): |[start, end) ∩ [utc(d + a), utc(d + b))|,
 * where utc() converts local wall time with the zone's offset at that time
 * (Intl), so days of 23 or 25 hours around DST changes are handled.
 *
 * Range: 0 ≤ result ≤ end − start; additive: f(a, c) = f(a, b) + f(b, c) for a ≤ b ≤ c.
 * Complexity: O(days × intervals).
 *
 * @param start - epoch ms
 * @param end - epoch ms, ≥ start
 * @throws {InputError} `METRIC.NOT_FINITE` for non-finite instants; `METRIC.OUT_OF_RANGE` when end < start;
 *   `METRIC.INVALID_OPTION` for an unknown time zone or an interval outside 0–1440 minutes
 * @category Response time
 * @example
 * const hours = { 1: [[540, 1080]], 2: [[540, 1080]], 3: [[540, 1080]], 4: [[540, 1080]], 5: [[540, 1080]] } as const;
 * businessMillisBetween(Date.parse("2026-11-20T17:55:00Z"), Date.parse("2026-11-23T09:05:00Z"), { timeZone: "Europe/London", hours }) / 60000 // => 10
 */
export function businessMillisBetween(start: number, end: number, calendar: BusinessCalendar): number {
  const fn = "businessMillisBetween";
  assertFinite(fn, start, ["start"]);
  assertFinite(fn, end, ["end"]);
  if (end < start) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires end ≥ start, got ${end} < ${start}`, ["end"], end);
  checkCalendar(fn, calendar);
  const holidays = new Set(calendar.holidays ?? []);
  const tz = calendar.timeZone;
  let total = 0;
  for (let day = localDay(tz, start), last = localDay(tz, end); day <= last; day += DAY) {
    const weekday = new Date(day).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
    const intervals = calendar.hours[weekday];
    if (!intervals || holidays.has(new Date(day).toISOString().slice(0, 10))) continue;
    for (const [a, b] of intervals) {
      const from = Math.max(start, localToUtc(tz, day + a * 60_000));
      const to = Math.min(end, localToUtc(tz, day + b * 60_000));
      if (to > from) total += to - from;
    }
  }
  return total;
}

function checkCalendar(fn: string, calendar: BusinessCalendar): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: calendar.timeZone });
  } catch {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires an IANA time zone, got ${JSON.stringify(calendar.timeZone)}`, ["calendar", "timeZone"], calendar.timeZone);
  }
  for (const [day, intervals] of Object.entries(calendar.hours)) {
    for (const [k, iv] of (intervals ?? []).entries()) {
      const [a, b] = iv;
      if (!(Number.isFinite(a) && Number.isFinite(b) && a >= 0 && b <= 1440 && a < b)) {
        throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires working intervals within 0–1440 minutes with start < end, got [${a}, ${b}]`, ["calendar", "hours", day, k], iv);
      }
    }
  }
}
