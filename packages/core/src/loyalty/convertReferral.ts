import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe, formatPath } from "../_internal/assert.js";
import { DAY_MS } from "../segments/_internal/time.js";
import type { EarnOperation } from "./earnPoints.js";
import { REFERRAL_CONVERTED, type Referral, type ReferralProgram } from "./Referral.js";
import { assertPoints } from "./_internal/ledgerCore.js";

/** A purchase that may convert a referral. */
export interface ReferralPurchase {
  readonly customerId: string;
  readonly orderId: string;
  /** Epoch ms. */
  readonly at: number;
}

/** A reward to apply to one customer's ledger with {@link earnPoints}. */
export interface ReferralReward {
  readonly customerId: string;
  readonly role: "referrer" | "referee";
  readonly operation: EarnOperation;
}

/** The outcome of offering a purchase to a referral. */
export interface ReferralConversion {
  /** The referral after the purchase (the same object when nothing changed). */
  readonly referral: Referral;
  readonly converted: boolean;
  /** Earn operations (empty unless converted now), keyed `referral:<id>:referrer` / `:referee`. */
  readonly rewards: readonly ReferralReward[];
  /** The advocate signal to record on the referrer's profile, when converted now. */
  readonly interaction: { readonly customerId: string; readonly type: typeof REFERRAL_CONVERTED; readonly at: number } | null;
  readonly reason: string;
}

/**
 * Offers a purchase to a referral: the referee's first purchase at or after
 * the referral (and within the conversion window, if any) converts it, once.
 *
 * On conversion the referral becomes `converted` (with the time and order),
 * the rewards are returned as earn operations with deterministic keys
 * (`referral:<id>:referrer`, `referral:<id>:referee`), so applying them twice
 * to a ledger awards once, and the referrer gets a `"referral_converted"`
 * interaction — the advocate signal counted by {@link referralLadderCriteria}.
 * Any other purchase (someone else's, one before the referral, one after the
 * window, or one after the conversion) changes nothing and says why. This is
 * the usual "give X, get X on the first order" double-sided referral rule.
 *
 * @throws {InputError} `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` for reward points that are not positive integers;
 *   `METRIC.NOT_FINITE` for a bad time; `METRIC.OUT_OF_RANGE` for a validity or window ≤ 0
 * @category Loyalty
 * @example
 * const r = createReferral({ id: "ref-1", referrerId: "alice", refereeId: "bob", at: 0 });
 * const c = convertReferral(r, { customerId: "bob", orderId: "o1", at: 5 }, { referrerPoints: 500 });
 * [c.converted, c.rewards[0]?.operation.key, c.interaction?.type] // => [true, "referral:ref-1:referrer", "referral_converted"]
 */
export function convertReferral(referral: Referral, purchase: ReferralPurchase, program: ReferralProgram): ReferralConversion {
  const fn = "convertReferral";
  assertPoints(fn, program.referrerPoints, ["program", "referrerPoints"]);
  if (program.refereePoints !== undefined) assertPoints(fn, program.refereePoints, ["program", "refereePoints"]);
  const positive = (v: number | undefined | null, path: string[]): void => {
    if (v === undefined || v === null) return;
    assertFinite(fn, v, path);
    if (v <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive number of days at ${formatPath(path)}, got ${describe(v)}`, path, v);
  };
  positive(program.validityDays, ["program", "validityDays"]);
  positive(program.conversionWindowDays, ["program", "conversionWindowDays"]);
  assertFinite(fn, purchase.at, ["purchase", "at"]);
  const unchanged = (reason: string): ReferralConversion => ({ referral, converted: false, rewards: [], interaction: null, reason });
  if (referral.status === "converted") return unchanged(`referral ${referral.id} already converted by order ${referral.orderId ?? "?"}: rewarded once`);
  if (purchase.customerId !== referral.refereeId) return unchanged(`purchase by ${purchase.customerId}, not the referee ${referral.refereeId}`);
  if (purchase.at < referral.createdAt) return unchanged(`purchase before the referral was made`);
  const window = program.conversionWindowDays;
  if (window !== undefined && purchase.at > referral.createdAt + window * DAY_MS) return unchanged(`first purchase after the ${window}-day conversion window`);
  const expiresAt = program.validityDays === undefined || program.validityDays === null ? null : purchase.at + program.validityDays * DAY_MS;
  const rewards: ReferralReward[] = [
    {
      customerId: referral.referrerId,
      role: "referrer",
      operation: { key: `referral:${referral.id}:referrer`, at: purchase.at, points: program.referrerPoints, expiresAt, reason: `referral ${referral.id}: ${referral.refereeId}'s first order ${purchase.orderId}` },
    },
  ];
  if (program.refereePoints !== undefined) {
    rewards.push({
      customerId: referral.refereeId,
      role: "referee",
      operation: { key: `referral:${referral.id}:referee`, at: purchase.at, points: program.refereePoints, expiresAt, reason: `referred by ${referral.referrerId}: first order ${purchase.orderId}` },
    });
  }
  return {
    referral: { ...referral, status: "converted", convertedAt: purchase.at, orderId: purchase.orderId },
    converted: true,
    rewards,
    interaction: { customerId: referral.referrerId, type: REFERRAL_CONVERTED, at: purchase.at },
    reason: `${referral.refereeId}'s first purchase (order ${purchase.orderId}) converted referral ${referral.id}`,
  };
}
