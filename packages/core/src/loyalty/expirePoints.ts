import { assertFinite } from "../_internal/assert.js";
import type { PointsLedger } from "./PointsLedger.js";
import { assertInOrder, assertLedger } from "./_internal/ledgerCore.js";
import { closeLedger, expireWorking, openLedger } from "./_internal/workingLedger.js";

/**
 * Writes the expiries due by `now`: every open lot with `expiresAt ≤ now`
 * (validity is the half-open [earnedAt, expiresAt)) loses its remaining points
 * in an expire entry dated at its `expiresAt` and naming the lot, in expiry
 * order. Because redemption drew from the oldest lots first, what expires is
 * what was earned longest ago and not yet spent.
 *
 * {@link earnPoints} and {@link redeemPoints} do this themselves before they
 * apply; call it from a scheduled job so statements show expiries on time.
 * Idempotent: a second call at the same `now` returns the same ledger object.
 *
 * Complexity: O(lots) plus a sort of the expiring ones.
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad `now`; `JOURNEY.OUT_OF_ORDER` for a `now` older than the last entry
 * @category Loyalty
 * @example
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 10, expiresAt: 5 });
 * expirePoints(l, 5).history.map((e) => e.kind) // => ["earn", "expire"]
 */
export function expirePoints(ledger: PointsLedger, now: number): PointsLedger {
  const fn = "expirePoints";
  assertLedger(fn, ledger);
  assertFinite(fn, now, ["now"]);
  assertInOrder(fn, ledger, now, ["now"]);
  const w = openLedger(ledger);
  const before = w.history.length;
  expireWorking(w, now);
  return w.history.length === before ? ledger : closeLedger(w);
}
