/**
 * Loyalty tiers: thresholds on the points earned over a rolling window, with
 * a grace period before a downgrade. Plain data; read by {@link loyaltyTier}.
 *
 * @category Loyalty
 * @example
 * const config: LoyaltyTierConfig = { tiers: [{ id: "bronze", threshold: 0 }, { id: "gold", threshold: 2000 }], windowDays: 365, graceDays: 30 };
 */
export interface LoyaltyTierConfig {
  /** Lowest first: thresholds strictly increasing, the first one 0 (every member holds the base tier). */
  readonly tiers: readonly LoyaltyTier[];
  /** Length d of the qualifying window (now − d, now], in days (> 0). */
  readonly windowDays: number;
  /** Days a member keeps a tier after falling below its threshold (≥ 0; 0 = downgrade at once). */
  readonly graceDays: number;
}

/** One tier and the qualifying points it needs. */
export interface LoyaltyTier {
  readonly id: string;
  /** Points earned in the window needed to hold the tier (≥ 0). */
  readonly threshold: number;
  readonly name?: string;
}

/**
 * engagekit's default tiers: bronze from 0, silver from 1 000 and gold from
 * 5 000 points earned in the last 365 days, with a 90-day grace period before
 * a downgrade. These are documented starting points in the spirit of airline
 * and retail programmes (status earned over a year, a soft landing when it
 * lapses), not an industry standard: set thresholds from your own earn rates.
 *
 * @category Loyalty
 * @example
 * defaultLoyaltyTierConfig.tiers.map((t) => t.id) // => ["bronze", "silver", "gold"]
 */
export const defaultLoyaltyTierConfig: LoyaltyTierConfig = {
  tiers: [
    { id: "bronze", threshold: 0, name: "Bronze" },
    { id: "silver", threshold: 1000, name: "Silver" },
    { id: "gold", threshold: 5000, name: "Gold" },
  ],
  windowDays: 365,
  graceDays: 90,
};
