import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";
import { DAY_MS } from "../segments/_internal/time.js";
import type { PointsLedger } from "./PointsLedger.js";
import { assertLedger } from "./_internal/ledgerCore.js";

/**
 * Qualifying points: the points earned in the rolling window (now − d, now],
 * d = `windowDays` days — the same half-open window as the segment conditions'
 * `withinDays`. Earned, not held: redeeming or expiring points does not lower
 * a member's status (status rewards activity; spending is encouraged).
 *
 * Range: ≥ 0; 0 for a ledger with no earn in the window (a real zero).
 * Complexity: O(history).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad `now`; `METRIC.OUT_OF_RANGE` for `windowDays ≤ 0`
 * @category Loyalty
 * @example
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 300 });
 * [pointsEarnedInWindow(l, 364 * 86400000, 365), pointsEarnedInWindow(l, 365 * 86400000, 365)] // => [300, 0]
 */
export function pointsEarnedInWindow(ledger: PointsLedger, now: number, windowDays: number): number {
  const fn = "pointsEarnedInWindow";
  assertLedger(fn, ledger);
  assertFinite(fn, now, ["now"]);
  assertFinite(fn, windowDays, ["windowDays"]);
  if (windowDays <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive window in days, got ${describe(windowDays)}`, ["windowDays"], windowDays);
  const from = now - windowDays * DAY_MS;
  let sum = 0;
  for (const e of ledger.history) if (e.kind === "earn" && e.at > from && e.at <= now) sum += e.points;
  return sum;
}
