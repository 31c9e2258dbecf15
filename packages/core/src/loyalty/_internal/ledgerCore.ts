import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite, describe } from "../../_internal/assert.js";
import type { ExpireEntry, LedgerEntry, PointsLedger, PointsLot } from "../PointsLedger.js";

/** Throws unless `points` is a positive integer. */
export function assertPoints(fn: string, points: unknown, path: readonly (string | number)[]): asserts points is number {
  assertFinite(fn, points, path);
  if (!Number.isInteger(points)) throw new InputError(ErrorCodes.NOT_INTEGER, `${fn} requires a whole number of points, got ${points}`, path, points);
  if (points <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive number of points, got ${points}`, path, points);
}

/** Throws unless `key` is a non-empty string. */
export function assertKey(fn: string, key: unknown, path: readonly (string | number)[]): asserts key is string {
  if (typeof key !== "string" || key.length === 0) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty operation key, got ${describe(key)}`, path, key);
}

/** Throws unless the ledger has the shape of a {@link PointsLedger}. */
export function assertLedger(fn: string, ledger: unknown): asserts ledger is PointsLedger {
  const l = ledger as PointsLedger | null;
  if (l === null || typeof l !== "object" || typeof l.customerId !== "string" || !Array.isArray(l.lots) || !Array.isArray(l.history)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a points ledger with customerId, lots and history, got ${describe(ledger)}`, ["ledger"], ledger);
  }
}

/** The entry already applied under `key`, if any (linear scan of the history). */
export function entryWithKey(ledger: PointsLedger, key: string): LedgerEntry | undefined {
  for (let i = ledger.history.length - 1; i >= 0; i--) {
    const e = ledger.history[i] as LedgerEntry;
    if (e.kind !== "expire" && e.key === key) return e;
  }
  return undefined;
}

/** Epoch ms of the last entry, or −Infinity for an empty history. */
export function lastTime(ledger: PointsLedger): number {
  const e = ledger.history[ledger.history.length - 1];
  return e === undefined ? -Infinity : e.at;
}

/** Throws `JOURNEY.OUT_OF_ORDER` when `at` is older than the ledger's last entry. */
export function assertInOrder(fn: string, ledger: PointsLedger, at: number, path: readonly (string | number)[]): void {
  const last = lastTime(ledger);
  if (at < last) {
    throw new InputError(ErrorCodes.OUT_OF_ORDER, `${fn} requires a time at or after the ledger's last entry (${new Date(last).toISOString()}), got ${new Date(at).toISOString()}`, path, at);
  }
}

/**
 * Expires every open lot with `expiresAt ≤ now`: an expire entry per lot for
 * its remaining points, dated at the lot's `expiresAt`, in expiry order (then
 * FIFO order). Returns the same ledger object when nothing expires.
 */
export function expireUpTo(ledger: PointsLedger, now: number): PointsLedger {
  const due: { lot: PointsLot; index: number }[] = [];
  ledger.lots.forEach((lot, index) => {
    if (lot.expiresAt !== null && lot.expiresAt <= now) due.push({ lot, index });
  });
  if (due.length === 0) return ledger;
  due.sort((a, b) => (a.lot.expiresAt as number) - (b.lot.expiresAt as number) || a.index - b.index);
  const entries: ExpireEntry[] = due.map(({ lot }) => ({ kind: "expire", at: lot.expiresAt as number, points: lot.remaining, lot: lot.id }));
  const gone = new Set(due.map((d) => d.index));
  return { customerId: ledger.customerId, lots: ledger.lots.filter((_, i) => !gone.has(i)), history: [...ledger.history, ...entries] };
}
