import type { PointsLedger } from "./PointsLedger.js";
import { assertLedger } from "./_internal/ledgerCore.js";
import { applyRedeem, closeLedger, openLedger } from "./_internal/workingLedger.js";

/** One redemption: spend `points` at `at`, once per key. */
export interface RedeemOperation {
  /** Idempotency key, e.g. `"reward:r-77"`. */
  readonly key: string;
  readonly at: number;
  /** A positive whole number of points, at most the balance at `at`. */
  readonly points: number;
  readonly reason?: string;
}

/**
 * Spends points: first expires every lot with `expiresAt ≤ at`, then draws
 * `points` from the open lots oldest first (first-in-first-out, the usual rule
 * of points programmes and of FIFO inventory accounting), emptying each lot
 * before touching the next. The redeem entry lists each lot drawn from and how
 * much, so every point spent can be traced to the earn that created it.
 *
 * Never negative: a redemption larger than the balance at `at` is refused
 * (nothing changes, not even the due expiries) with `METRIC.INCONSISTENT` — a part larger than its whole;
 * the GraphQL layer reports it as a conflict. Idempotent by key like
 * {@link earnPoints}: a key already in the history returns the ledger
 * unchanged; a key reused for another operation throws.
 *
 * Complexity: O(history + lots).
 *
 * @throws {InputError} `METRIC.INCONSISTENT` at `["operation", "points"]` when points exceed the balance;
 *   `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` for non-positive or fractional points; `JOURNEY.OUT_OF_ORDER`; `JOURNEY.DUPLICATE_ID`
 * @category Loyalty
 * @example
 * let l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 50 });
 * l = earnPoints(l, { key: "b", at: 1, points: 50 });
 * l = redeemPoints(l, { key: "r", at: 2, points: 70 });
 * l.lots // => [{ id: "b", earnedAt: 1, expiresAt: null, points: 50, remaining: 30 }]
 */
export function redeemPoints(ledger: PointsLedger, operation: RedeemOperation): PointsLedger {
  assertLedger("redeemPoints", ledger);
  const w = openLedger(ledger);
  return applyRedeem("redeemPoints", w, operation) ? closeLedger(w) : ledger;
}
