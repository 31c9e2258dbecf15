import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite } from "../../_internal/assert.js";
import type { EarnOperation } from "../earnPoints.js";
import type { EarnEntry, ExpireEntry, LedgerEntry, LotDraw, PointsLedger, PointsLot, RedeemEntry } from "../PointsLedger.js";
import type { RedeemOperation } from "../redeemPoints.js";
import { assertKey, assertPoints } from "./ledgerCore.js";

/**
 * A ledger opened for a run of operations: lots and history copied once into
 * mutable arrays, keys indexed, so k operations cost O(n + k) instead of O(n · k).
 * `head` is the index of the first open lot (consumed lots are skipped, not shifted).
 */
export interface WorkingLedger {
  readonly customerId: string;
  lots: PointsLot[];
  head: number;
  readonly history: LedgerEntry[];
  readonly keys: Map<string, LedgerEntry>;
  last: number;
}

export function openLedger(ledger: PointsLedger): WorkingLedger {
  const keys = new Map<string, LedgerEntry>();
  for (const e of ledger.history) if (e.kind !== "expire") keys.set(e.key, e);
  const last = ledger.history[ledger.history.length - 1]?.at ?? -Infinity;
  return { customerId: ledger.customerId, lots: [...ledger.lots], head: 0, history: [...ledger.history], keys, last };
}

export function closeLedger(w: WorkingLedger): PointsLedger {
  return { customerId: w.customerId, lots: w.lots.slice(w.head).filter((l) => l.remaining > 0), history: w.history };
}

function assertTime(fn: string, w: WorkingLedger, at: unknown, path: readonly (string | number)[]): asserts at is number {
  assertFinite(fn, at, path);
  if (at < w.last) {
    throw new InputError(ErrorCodes.OUT_OF_ORDER, `${fn} requires a time at or after the ledger's last entry (${new Date(w.last).toISOString()}), got ${new Date(at).toISOString()}`, path, at);
  }
}

/** Expires every open lot with expiresAt ≤ now (entries dated at expiresAt, in expiry then FIFO order). */
export function expireWorking(w: WorkingLedger, now: number): void {
  let due: { lot: PointsLot; index: number }[] | undefined;
  for (let i = w.head; i < w.lots.length; i++) {
    const lot = w.lots[i] as PointsLot;
    if (lot.remaining > 0 && lot.expiresAt !== null && lot.expiresAt <= now) (due ??= []).push({ lot, index: i });
  }
  if (due === undefined) return;
  due.sort((a, b) => (a.lot.expiresAt as number) - (b.lot.expiresAt as number) || a.index - b.index);
  for (const { lot, index } of due) {
    const entry: ExpireEntry = { kind: "expire", at: lot.expiresAt as number, points: lot.remaining, lot: lot.id };
    w.history.push(entry);
    w.lots[index] = { ...lot, remaining: 0 };
    if (entry.at > w.last) w.last = entry.at;
  }
  while (w.head < w.lots.length && (w.lots[w.head] as PointsLot).remaining === 0) w.head++;
}

function duplicate(fn: string, w: WorkingLedger, key: string, kind: "earn" | "redeem", points: number): boolean {
  const previous = w.keys.get(key);
  if (previous === undefined) return false;
  if (previous.kind === kind && previous.points === points) return true;
  throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires a key not used by another operation, got ${JSON.stringify(key)} (already a ${previous.kind} of ${previous.points} points)`, ["operation", "key"], key);
}

/** Applies one earn; returns false (nothing changed) for a key already applied. */
export function applyEarn(fn: string, w: WorkingLedger, operation: EarnOperation): boolean {
  assertKey(fn, operation.key, ["operation", "key"]);
  assertPoints(fn, operation.points, ["operation", "points"]);
  if (duplicate(fn, w, operation.key, "earn", operation.points)) return false;
  assertFinite(fn, operation.at, ["operation", "at"]);
  const expiresAt = operation.expiresAt ?? null;
  if (expiresAt !== null) {
    assertFinite(fn, expiresAt, ["operation", "expiresAt"]);
    if (expiresAt <= operation.at) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires expiresAt after at, got ${expiresAt} ≤ ${operation.at}`, ["operation", "expiresAt"], expiresAt);
  }
  assertTime(fn, w, operation.at, ["operation", "at"]);
  expireWorking(w, operation.at);
  const entry: EarnEntry = {
    kind: "earn",
    key: operation.key,
    at: operation.at,
    points: operation.points,
    lot: operation.key,
    expiresAt,
    ...(operation.reason === undefined ? {} : { reason: operation.reason }),
  };
  w.lots.push({ id: operation.key, earnedAt: operation.at, expiresAt, points: operation.points, remaining: operation.points });
  w.history.push(entry);
  w.keys.set(entry.key, entry);
  w.last = operation.at;
  return true;
}

/** Applies one redemption (FIFO over open lots); returns false for a key already applied. */
export function applyRedeem(fn: string, w: WorkingLedger, operation: RedeemOperation): boolean {
  assertKey(fn, operation.key, ["operation", "key"]);
  assertPoints(fn, operation.points, ["operation", "points"]);
  if (duplicate(fn, w, operation.key, "redeem", operation.points)) return false;
  assertTime(fn, w, operation.at, ["operation", "at"]);
  // Check before writing anything, so a refused redemption changes nothing (not even the due expiries).
  let balance = 0;
  for (let i = w.head; i < w.lots.length; i++) {
    const lot = w.lots[i] as PointsLot;
    if (lot.expiresAt === null || lot.expiresAt > operation.at) balance += lot.remaining;
  }
  if (operation.points > balance) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires at most the balance of ${balance} points, got ${operation.points}`, ["operation", "points"], operation.points);
  }
  expireWorking(w, operation.at);
  let left = operation.points;
  const draws: LotDraw[] = [];
  for (let i = w.head; i < w.lots.length && left > 0; i++) {
    const lot = w.lots[i] as PointsLot;
    if (lot.remaining === 0) continue;
    const take = Math.min(left, lot.remaining);
    draws.push({ lot: lot.id, points: take });
    left -= take;
    w.lots[i] = { ...lot, remaining: lot.remaining - take };
  }
  while (w.head < w.lots.length && (w.lots[w.head] as PointsLot).remaining === 0) w.head++;
  const entry: RedeemEntry = {
    kind: "redeem",
    key: operation.key,
    at: operation.at,
    points: operation.points,
    lots: draws,
    ...(operation.reason === undefined ? {} : { reason: operation.reason }),
  };
  w.history.push(entry);
  w.keys.set(entry.key, entry);
  w.last = operation.at;
  return true;
}
