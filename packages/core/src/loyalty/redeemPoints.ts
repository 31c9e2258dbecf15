import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import type { LotDraw, PointsLedger, PointsLot, RedeemEntry } from "./PointsLedger.js";
import { assertInOrder, assertKey, assertLedger, assertPoints, entryWithKey, expireUpTo } from "./_internal/ledgerCore.js";

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
 * (nothing changes) with `METRIC.INCONSISTENT` — a part larger than its whole;
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
  const fn = "redeemPoints";
  assertLedger(fn, ledger);
  assertKey(fn, operation.key, ["operation", "key"]);
  assertPoints(fn, operation.points, ["operation", "points"]);
  const previous = entryWithKey(ledger, operation.key);
  if (previous !== undefined) {
    if (previous.kind === "redeem" && previous.points === operation.points) return ledger;
    throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires a key not used by another operation, got ${JSON.stringify(operation.key)} (already a ${previous.kind} of ${previous.points} points)`, ["operation", "key"], operation.key);
  }
  assertFinite(fn, operation.at, ["operation", "at"]);
  assertInOrder(fn, ledger, operation.at, ["operation", "at"]);
  const base = expireUpTo(ledger, operation.at);
  let balance = 0;
  for (const lot of base.lots) balance += lot.remaining;
  if (operation.points > balance) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires at most the balance of ${balance} points, got ${operation.points}`, ["operation", "points"], operation.points);
  }
  let left = operation.points;
  const draws: LotDraw[] = [];
  const lots: PointsLot[] = [];
  for (const lot of base.lots) {
    if (left === 0) {
      lots.push(lot);
      continue;
    }
    const take = Math.min(left, lot.remaining);
    draws.push({ lot: lot.id, points: take });
    left -= take;
    if (take < lot.remaining) lots.push({ ...lot, remaining: lot.remaining - take });
  }
  const entry: RedeemEntry = {
    kind: "redeem",
    key: operation.key,
    at: operation.at,
    points: operation.points,
    lots: draws,
    ...(operation.reason === undefined ? {} : { reason: operation.reason }),
  };
  return { customerId: base.customerId, lots, history: [...base.history, entry] };
}
