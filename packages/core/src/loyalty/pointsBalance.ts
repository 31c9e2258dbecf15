import { assertFinite } from "../_internal/assert.js";
import type { PointsLedger } from "./PointsLedger.js";
import { assertInOrder, assertLedger } from "./_internal/ledgerCore.js";

/** A balance and what it is made of. */
export interface PointsBalance {
  /** Spendable points at `asOf`: Σ remaining of open lots not expired at `asOf` (never negative). */
  readonly points: number;
  /** The next expiry after `asOf`, if any: when and how many points. */
  readonly nextExpiry: { readonly at: number; readonly points: number } | null;
  readonly asOf: number;
}

/**
 * The spendable balance at `now`: the remaining points of every open lot that
 * has not expired by `now` (a lot with `expiresAt ≤ now` counts as expired even
 * when {@link expirePoints} has not written its entry yet). A ledger without
 * lots has a balance of 0 — a real zero, the customer holds no points.
 *
 * Once the due expiries are written, the balance equals the history's sum
 * Σ earn − Σ redeem − Σ expire. Read-only: the ledger is not changed.
 *
 * Complexity: O(lots).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad `now`; `JOURNEY.OUT_OF_ORDER` for a `now` older than the last entry (replay the history for past balances)
 * @category Loyalty
 * @example
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 10, expiresAt: 5 });
 * [pointsBalance(l, 4).points, pointsBalance(l, 5).points] // => [10, 0]
 */
export function pointsBalance(ledger: PointsLedger, now: number): PointsBalance {
  const fn = "pointsBalance";
  assertLedger(fn, ledger);
  assertFinite(fn, now, ["now"]);
  assertInOrder(fn, ledger, now, ["now"]);
  let points = 0;
  let next: { at: number; points: number } | null = null;
  for (const lot of ledger.lots) {
    if (lot.expiresAt !== null && lot.expiresAt <= now) continue;
    points += lot.remaining;
    if (lot.expiresAt !== null) {
      if (next === null || lot.expiresAt < next.at) next = { at: lot.expiresAt, points: lot.remaining };
      else if (lot.expiresAt === next.at) next = { at: next.at, points: next.points + lot.remaining };
    }
  }
  return { points, nextExpiry: next, asOf: now };
}
