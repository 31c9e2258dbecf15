// Quiet hours in IANA time zones, on the shared Intl wall-clock helpers (src/_internal/zonedTime.ts).
import { offsetAt } from "../../_internal/zonedTime.js";

const DAY = 86_400_000;

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
 * When quiet hours [start, end) (local minutes, wrapping midnight when start > end) that contain `at` end: the
 * first instant after `at` whose local time is outside them; undefined when `at` is not in quiet hours.
 *
 * Without a change of UTC offset before the end, that is the local end time converted with `at`'s offset. When
 * the offset changes in between (a DST night), the change instant T is found by bisection and the answer is
 * the first of T (the clock jumped past the end) and the end converted with the new offset that is outside
 * quiet hours — so a jump forward over the end ends quiet hours at the jump, and a repeated hour ends them at
 * the first time the clock shows the end.
 */
export function quietHoursEnd(timeZone: string, at: number, start: number, end: number): number | undefined {
  const o1 = offsetAt(timeZone, at);
  const wall = at + o1;
  const ms = ((wall % DAY) + DAY) % DAY;
  const m = ms / 60_000;
  if (!inQuiet(m, start, end)) return undefined;
  const dayStart = wall - ms;
  const endWall = (start > end && m >= start ? dayStart + DAY : dayStart) + end * 60_000;
  const t1 = endWall - o1;
  if (offsetAt(timeZone, t1) === o1) return t1;
  let lo = at;
  let hi = t1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === o1) lo = mid;
    else hi = mid;
  }
  const change = hi;
  const t2 = endWall - offsetAt(timeZone, change);
  for (const c of t2 > change ? [change, t2] : [change]) if (!inQuiet(localMinutes(timeZone, c), start, end)) return c;
  // Not reached with at most one offset change per day; step forward to stay safe.
  let until = Math.max(t1, t2);
  for (let k = 0; k < 8 && inQuiet(localMinutes(timeZone, until), start, end); k++) until += 15 * 60_000;
  return until;
}
