import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";
import { DAY_MS } from "../segments/_internal/time.js";
import type { LoyaltyTierConfig } from "./LoyaltyTierConfig.js";
import { defaultLoyaltyTierConfig } from "./LoyaltyTierConfig.js";
import type { PointsLedger } from "./PointsLedger.js";
import { assertLedger } from "./_internal/ledgerCore.js";

/** One tier change on a member's timeline. */
export interface LoyaltyTierChange {
  readonly from: string;
  readonly to: string;
  readonly direction: "upgrade" | "downgrade";
  /** Epoch ms. */
  readonly at: number;
  /** Qualifying points at `at`. */
  readonly qualifyingPoints: number;
  readonly reason: string;
}

/** Where a member stands at `asOf`, and how they got there. */
export interface LoyaltyTierStatus {
  /** The tier held (it may be above the qualified one during a grace period). */
  readonly tier: string;
  /** Epoch ms of the change into `tier`; null when the base tier was never left. */
  readonly since: number | null;
  /** Points earned in (asOf − window, asOf]. */
  readonly qualifyingPoints: number;
  /** The tier the qualifying points alone would give. */
  readonly qualifiedTier: string;
  /** When below the held tier: since when, and the downgrade time if it does not recover. */
  readonly grace: { readonly belowSince: number; readonly downgradeAt: number } | null;
  /** The next tier up and the qualifying points it still needs; null at the top. */
  readonly next: { readonly tier: string; readonly pointsNeeded: number } | null;
  /** Every change from the first earn to `asOf`, in time order. */
  readonly changes: readonly LoyaltyTierChange[];
  readonly asOf: number;
}

function validateConfig(fn: string, config: LoyaltyTierConfig): void {
  const bad = (path: (string | number)[], rule: string, v: unknown): never => {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires ${rule}, got ${describe(v)}`, ["config", ...path], v);
  };
  if (!Array.isArray(config.tiers) || config.tiers.length === 0) bad(["tiers"], "at least one tier", config.tiers);
  const ids = new Set<string>();
  config.tiers.forEach((t, i) => {
    if (typeof t.id !== "string" || t.id.length === 0) bad(["tiers", i, "id"], "a non-empty tier id", t.id);
    if (ids.has(t.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique tier ids, got ${JSON.stringify(t.id)} twice`, ["config", "tiers", i, "id"], t.id);
    ids.add(t.id);
    if (typeof t.threshold !== "number" || !Number.isFinite(t.threshold)) bad(["tiers", i, "threshold"], "a finite threshold", t.threshold);
    if (i === 0 && t.threshold !== 0) bad(["tiers", 0, "threshold"], "a first (base) tier with threshold 0", t.threshold);
    const prev = config.tiers[i - 1];
    if (prev !== undefined && !(t.threshold > prev.threshold)) bad(["tiers", i, "threshold"], `thresholds strictly increasing (above ${prev.threshold})`, t.threshold);
  });
  if (!(typeof config.windowDays === "number" && Number.isFinite(config.windowDays) && config.windowDays > 0)) bad(["windowDays"], "a positive finite window in days", config.windowDays);
  if (!(typeof config.graceDays === "number" && Number.isFinite(config.graceDays) && config.graceDays >= 0)) bad(["graceDays"], "a non-negative finite grace period in days", config.graceDays);
}

/**
 * A member's loyalty tier at `now`, computed exactly from the ledger's earn
 * history (not from when you happen to evaluate), with every change on the way.
 *
 * Rules:
 * - qualifying points S(t) = points earned in (t − window, t] (see {@link pointsEarnedInWindow});
 *   the qualified tier q(t) is the highest tier with threshold ≤ S(t);
 * - upgrade immediately: as soon as q(t) is above the held tier, the member
 *   moves to q(t) (skipping tiers if the points allow);
 * - downgrade only after the grace period g: when S falls below the held
 *   tier's threshold at time b, the member keeps the tier; if S is still below
 *   it at b + g (having stayed below on all of [b, b + g]), the member moves
 *   down at b + g to the tier q(b + g) then qualified for (possibly several
 *   tiers down). Getting back to the held tier's threshold before b + g cancels
 *   the downgrade; a later fall starts a new grace period. g = 0 downgrades at once.
 *
 * S changes only at earn times t and when they leave the window (t + window),
 * so the timeline is computed at those breakpoints and at the grace deadlines:
 * O(E log E) for E earn entries. Redemptions and expiries do not affect status.
 * The practice follows airline and hotel programmes (status earned over a
 * qualifying period, kept for a grace period before it lapses).
 *
 * @throws {InputError} `METRIC.INVALID_OPTION` for tiers not strictly increasing from 0, a window ≤ 0 or a negative grace;
 *   `JOURNEY.DUPLICATE_ID` for two tiers with one id; `METRIC.NOT_FINITE` for a bad `now`
 * @category Loyalty
 * @example
 * const day = 86400000;
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 1200 });
 * loyaltyTier(l, 10 * day).tier // => "silver"
 * loyaltyTier(l, 400 * day).tier // => "silver" (below since day 365, grace until day 455)
 * loyaltyTier(l, 455 * day).tier // => "bronze"
 */
export function loyaltyTier(ledger: PointsLedger, now: number, config: LoyaltyTierConfig = defaultLoyaltyTierConfig): LoyaltyTierStatus {
  const fn = "loyaltyTier";
  assertLedger(fn, ledger);
  assertFinite(fn, now, ["now"]);
  validateConfig(fn, config);
  const tiers = config.tiers;
  const window = config.windowDays * DAY_MS;
  const grace = config.graceDays * DAY_MS;
  const qualified = (s: number): number => {
    let k = 0;
    while (k + 1 < tiers.length && (tiers[k + 1]?.threshold as number) <= s) k++;
    return k;
  };
  // Breakpoints: +points at t, −points at t + window; only those ≤ now.
  const deltas: { at: number; d: number }[] = [];
  for (const e of ledger.history) {
    if (e.kind !== "earn") continue;
    if (e.at <= now) deltas.push({ at: e.at, d: e.points });
    if (e.at + window <= now) deltas.push({ at: e.at + window, d: -e.points });
  }
  deltas.sort((a, b) => a.at - b.at);
  const id = (k: number): string => (tiers[k] as { id: string }).id;
  const threshold = (k: number): number => (tiers[k] as { threshold: number }).threshold;
  let held = 0;
  let since: number | null = null;
  let belowSince: number | null = null;
  let s = 0;
  const changes: LoyaltyTierChange[] = [];
  const downgradeIfDue = (limit: number, inclusive: boolean): void => {
    if (belowSince === null) return;
    const at = belowSince + grace;
    if (inclusive ? at <= limit : at < limit) {
      const to = qualified(s);
      changes.push({
        from: id(held),
        to: id(to),
        direction: "downgrade",
        at,
        qualifyingPoints: s,
        reason: `${s} qualifying points below the ${id(held)} threshold ${threshold(held)} since ${new Date(belowSince).toISOString()}, grace of ${config.graceDays} days over`,
      });
      held = to;
      since = at;
      belowSince = null;
    }
  };
  let i = 0;
  while (i < deltas.length) {
    const at = (deltas[i] as { at: number }).at;
    downgradeIfDue(at, false);
    while (i < deltas.length && (deltas[i] as { at: number }).at === at) s += (deltas[i++] as { d: number }).d;
    const q = qualified(s);
    if (q > held) {
      changes.push({ from: id(held), to: id(q), direction: "upgrade", at, qualifyingPoints: s, reason: `${s} qualifying points reach the ${id(q)} threshold ${threshold(q)}` });
      held = q;
      since = at;
      belowSince = null;
    } else if (q === held) belowSince = null;
    else if (belowSince === null) belowSince = at;
    downgradeIfDue(at, true);
  }
  downgradeIfDue(now, true);
  const q = qualified(s);
  const up = tiers[held + 1];
  return {
    tier: id(held),
    since,
    qualifyingPoints: s,
    qualifiedTier: id(q),
    grace: belowSince === null ? null : { belowSince, downgradeAt: belowSince + grace },
    next: up === undefined ? null : { tier: up.id, pointsNeeded: up.threshold - s },
    changes,
    asOf: now,
  };
}
