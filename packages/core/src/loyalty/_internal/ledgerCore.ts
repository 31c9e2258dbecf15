import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite, describe } from "../../_internal/assert.js";
import type { PointsLedger } from "../PointsLedger.js";

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
