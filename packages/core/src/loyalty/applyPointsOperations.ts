import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import type { EarnOperation } from "./earnPoints.js";
import type { PointsLedger } from "./PointsLedger.js";
import type { RedeemOperation } from "./redeemPoints.js";
import { assertLedger } from "./_internal/ledgerCore.js";
import { applyEarn, applyRedeem, closeLedger, openLedger } from "./_internal/workingLedger.js";

/** An earn or a redemption, tagged, for {@link applyPointsOperations}. */
export type PointsOperation = ({ readonly kind: "earn" } & EarnOperation) | ({ readonly kind: "redeem" } & RedeemOperation);

/** What happened to one operation of a batch. */
export interface PointsOperationResult {
  readonly key: string;
  /** `applied`; `duplicate` (key already applied: nothing changed); `rejected` (invalid or insufficient balance: nothing changed). */
  readonly status: "applied" | "duplicate" | "rejected";
  /** The error a single {@link earnPoints} / {@link redeemPoints} call would have thrown, when rejected. */
  readonly error?: InputError;
}

/** The ledger after a batch, and each operation's outcome in input order. */
export interface PointsBatchResult {
  readonly ledger: PointsLedger;
  readonly results: readonly PointsOperationResult[];
}

/**
 * Applies many earn and redeem operations to one ledger in order, copying it
 * once: O(n + k log n) for n lots and history entries and k operations, instead of O(n · k) for a fold
 * of {@link earnPoints} / {@link redeemPoints}, with the same result — the
 * ledger equals that fold in which every operation that would throw is
 * skipped. Each outcome is reported instead of thrown, so an ingestion batch
 * is not lost to one bad row: `duplicate` for a key already applied (in the
 * ledger or earlier in the batch), `rejected` with the {@link InputError} for
 * an invalid operation, a key reused by another operation, an out-of-order time
 * or a redemption above the balance (never negative). A rejected operation
 * changes nothing.
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` at `["ledger"]` when the ledger is malformed (errors of single operations are returned, not thrown)
 * @category Loyalty
 * @example
 * const { ledger, results } = applyPointsOperations(emptyPointsLedger("c1"), [
 *   { kind: "earn", key: "o1", at: 0, points: 100 },
 *   { kind: "redeem", key: "r1", at: 1, points: 150 },
 *   { kind: "earn", key: "o1", at: 2, points: 100 },
 * ]);
 * results.map((r) => r.status) // => ["applied", "rejected", "duplicate"]
 */
export function applyPointsOperations(ledger: PointsLedger, operations: readonly PointsOperation[]): PointsBatchResult {
  assertLedger("applyPointsOperations", ledger);
  const w = openLedger(ledger);
  let changed = false;
  const results: PointsOperationResult[] = operations.map((op) => {
    try {
      if (op.kind !== "earn" && op.kind !== "redeem") {
        throw new InputError(ErrorCodes.INVALID_FIELD, `applyPointsOperations requires each operation's kind to be earn or redeem, got ${describe((op as { kind?: unknown }).kind)}`, ["operation", "kind"], (op as { kind?: unknown }).kind);
      }
      const applied = op.kind === "earn" ? applyEarn("earnPoints", w, op) : applyRedeem("redeemPoints", w, op);
      changed ||= applied;
      return { key: op.key, status: applied ? "applied" : "duplicate" };
    } catch (e) {
      if (e instanceof InputError) return { key: op.key, status: "rejected", error: e };
      throw e;
    }
  });
  return { ledger: changed ? closeLedger(w) : ledger, results };
}
