import type { PointsLedger } from "./PointsLedger.js";
import { assertLedger } from "./_internal/ledgerCore.js";
import { applyEarn, closeLedger, openLedger } from "./_internal/workingLedger.js";

/** One earn operation: who asked for it (the key), when, how many points, until when. */
export interface EarnOperation {
  /** Idempotency key, e.g. `"order:1234"`; it becomes the lot id. The same key is applied once. */
  readonly key: string;
  /** Epoch ms; not older than the ledger's last entry. */
  readonly at: number;
  /** A positive whole number of points. */
  readonly points: number;
  /** Epoch ms from which the points are expired (> at); null or absent = never. */
  readonly expiresAt?: number | null;
  /** Why, for the audit trail: `"purchase order 1234"`, `"referral r9"`. */
  readonly reason?: string;
}

/**
 * Adds points to a ledger as a new lot, after expiring every lot whose
 * `expiresAt ≤ at` (see {@link expirePoints}).
 *
 * Idempotent by key (as payment APIs are, e.g. Stripe's Idempotency-Key):
 * applying an operation whose key is already in the history returns the ledger
 * unchanged (the same object), so a retried request cannot award twice. A key
 * reused for a different operation (another kind or another number of points)
 * is a caller bug and throws.
 *
 * Lots are kept first-in-first-out (by `at`); operations must arrive in time
 * order so the history stays an audit trail that can be replayed.
 *
 * Complexity: O(history) for the key index and the copy; apply many operations at once with
 * {@link applyPointsOperations} (O(history + operations)).
 *
 * @throws {InputError} `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` for points that are not a positive integer;
 *   `METRIC.NOT_FINITE` for a bad time; `METRIC.OUT_OF_RANGE` for `expiresAt ≤ at`;
 *   `JOURNEY.OUT_OF_ORDER` for an `at` older than the last entry; `JOURNEY.DUPLICATE_ID` for a key reused by another operation
 * @category Loyalty
 * @example
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "order:1", at: 0, points: 120, expiresAt: 365 * 86400000 });
 * [l.lots.length, l.history[0]?.kind] // => [1, "earn"]
 */
export function earnPoints(ledger: PointsLedger, operation: EarnOperation): PointsLedger {
  assertLedger("earnPoints", ledger);
  const w = openLedger(ledger);
  return applyEarn("earnPoints", w, operation) ? closeLedger(w) : ledger;
}
