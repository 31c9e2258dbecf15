import type { LoyaltyTierConfig } from "./LoyaltyTierConfig.js";
import { defaultLoyaltyTierConfig } from "./LoyaltyTierConfig.js";
import { loyaltyTier, type LoyaltyTierStatus } from "./loyaltyTier.js";
import type { LedgerEntry, PointsLedger } from "./PointsLedger.js";
import { pointsBalance, type PointsBalance } from "./pointsBalance.js";

/** What a member (or the GraphQL `loyalty` field) sees: balance, tier and the audit trail. */
export interface LoyaltySummary {
  readonly customerId: string;
  readonly balance: PointsBalance;
  readonly tier: LoyaltyTierStatus;
  /** The ledger's history, newest first, at most `historyLimit` entries. */
  readonly history: readonly LedgerEntry[];
}

/**
 * A member's loyalty statement at `now`: the spendable balance
 * ({@link pointsBalance}: unexpired lots), the tier ({@link loyaltyTier}: points
 * earned in the rolling window, with the grace period) and the latest history
 * entries, newest first. Read-only; nothing is written to the ledger.
 *
 * @param historyLimit - entries of history to return (default 50; Infinity for all)
 * @throws {InputError} what {@link pointsBalance} and {@link loyaltyTier} throw
 * @category Loyalty
 * @example
 * const l = earnPoints(emptyPointsLedger("c1"), { key: "o1", at: 0, points: 1200 });
 * const s = loyaltySummary(l, 1);
 * [s.balance.points, s.tier.tier, s.history.length] // => [1200, "silver", 1]
 */
export function loyaltySummary(ledger: PointsLedger, now: number, config: LoyaltyTierConfig = defaultLoyaltyTierConfig, historyLimit = 50): LoyaltySummary {
  const balance = pointsBalance(ledger, now);
  const tier = loyaltyTier(ledger, now, config);
  const n = Math.max(0, Math.min(ledger.history.length, historyLimit));
  return { customerId: ledger.customerId, balance, tier, history: ledger.history.slice(ledger.history.length - n).reverse() };
}
