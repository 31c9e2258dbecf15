import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite } from "../../_internal/assert.js";
import type { EarnOperation } from "../earnPoints.js";
import type { EarnEntry, ExpireEntry, LedgerEntry, LotDraw, PointsLedger, PointsLot, RedeemEntry } from "../PointsLedger.js";
import type { RedeemOperation } from "../redeemPoints.js";
import { assertKey, assertPoints } from "./ledgerCore.js";

/**
 * A ledger opened for a run of operations: lots and history copied once into
 * mutable arrays, keys indexed, the balance kept running and the lots' expiries
 * in a min-heap, so k operations cost O(n + k log n) instead of O(n · k).
 * `head` is the index of the first open lot (consumed lots are skipped, not shifted).
 */
export interface WorkingLedger {
  readonly customerId: string;
  lots: PointsLot[];
  head: number;
  readonly history: LedgerEntry[];
  readonly keys: Map<string, LedgerEntry>;
  last: number;
  /** Σ remaining of the lots not yet expired in the history. */
  balance: number;
  /** Min-heap of (expiresAt, lot index), ordered by expiresAt then index (FIFO among equal expiries). */
  readonly expiries: ExpiryHeap;
}

type Expiry = { readonly at: number; readonly index: number };

/** A binary min-heap of expiries. */
class ExpiryHeap {
  private readonly items: Expiry[] = [];
  private static less(a: Expiry, b: Expiry): boolean {
    return a.at < b.at || (a.at === b.at && a.index < b.index);
  }
  get size(): number {
    return this.items.length;
  }
  peek(): Expiry | undefined {
    return this.items[0];
  }
  push(e: Expiry): void {
    const h = this.items;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!ExpiryHeap.less(h[i] as Expiry, h[p] as Expiry)) break;
      [h[i], h[p]] = [h[p] as Expiry, h[i] as Expiry];
      i = p;
    }
  }
  pop(): Expiry | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && ExpiryHeap.less(h[l] as Expiry, h[m] as Expiry)) m = l;
        if (r < h.length && ExpiryHeap.less(h[r] as Expiry, h[m] as Expiry)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Expiry, h[i] as Expiry];
        i = m;
      }
    }
    return top;
  }
}

export function openLedger(ledger: PointsLedger): WorkingLedger {
  const keys = new Map<string, LedgerEntry>();
  for (const e of ledger.history) if (e.kind !== "expire") keys.set(e.key, e);
  const last = ledger.history[ledger.history.length - 1]?.at ?? -Infinity;
  const expiries = new ExpiryHeap();
  let balance = 0;
  ledger.lots.forEach((lot, index) => {
    balance += lot.remaining;
    if (lot.expiresAt !== null) expiries.push({ at: lot.expiresAt, index });
  });
  return { customerId: ledger.customerId, lots: [...ledger.lots], head: 0, history: [...ledger.history], keys, last, balance, expiries };
}

export function closeLedger(w: WorkingLedger): PointsLedger {
  return { customerId: w.customerId, lots: w.lots.slice(w.head).filter((l) => l.remaining > 0), history: w.history };
}

/** Points of open lots that expire by `now` (not yet written): O(1) when none is due, else O(due · log n). */
function dueAt(w: WorkingLedger, now: number): number {
  const top = w.expiries.peek();
  if (top === undefined || top.at > now) return 0;
  const popped: Expiry[] = [];
  let sum = 0;
  while ((w.expiries.peek()?.at ?? Infinity) <= now) {
    const e = w.expiries.pop() as Expiry;
    popped.push(e);
    sum += (w.lots[e.index] as PointsLot).remaining;
  }
  for (const e of popped) w.expiries.push(e);
  return sum;
}

function assertTime(fn: string, w: WorkingLedger, at: unknown, path: readonly (string | number)[]): asserts at is number {
  assertFinite(fn, at, path);
  if (at < w.last) {
    throw new InputError(ErrorCodes.OUT_OF_ORDER, `${fn} requires a time at or after the ledger's last entry (${new Date(w.last).toISOString()}), got ${new Date(at).toISOString()}`, path, at);
  }
}

/** Expires every open lot with expiresAt ≤ now (entries dated at expiresAt, in expiry then FIFO order). */
export function expireWorking(w: WorkingLedger, now: number): void {
  let any = false;
  while ((w.expiries.peek()?.at ?? Infinity) <= now) {
    const { index } = w.expiries.pop() as Expiry;
    const lot = w.lots[index] as PointsLot;
    if (lot.remaining === 0) continue;
    const entry: ExpireEntry = { kind: "expire", at: lot.expiresAt as number, points: lot.remaining, lot: lot.id };
    w.history.push(entry);
    w.balance -= lot.remaining;
    w.lots[index] = { ...lot, remaining: 0 };
    if (entry.at > w.last) w.last = entry.at;
    any = true;
  }
  if (any) while (w.head < w.lots.length && (w.lots[w.head] as PointsLot).remaining === 0) w.head++;
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
  if (expiresAt !== null) w.expiries.push({ at: expiresAt, index: w.lots.length });
  w.lots.push({ id: operation.key, earnedAt: operation.at, expiresAt, points: operation.points, remaining: operation.points });
  w.balance += operation.points;
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
  const balance = w.balance - dueAt(w, operation.at);
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
  w.balance -= operation.points;
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
