/**
 * How points are earned: rules per interaction type (flat points per
 * interaction and/or points per unit of spend), multipliers per loyalty tier
 * and per rule, and how long earned points stay valid. Plain data; applied by
 * {@link pointsForInteraction}.
 *
 * @category Loyalty
 * @example
 * const program: EarnProgram = {
 *   rules: [{ id: "spend", interaction: "purchase", pointsPerUnit: 1, unit: 1 }, { id: "review", interaction: "review", points: 50 }],
 *   tierMultipliers: { silver: 1.25, gold: 1.5 },
 *   validityDays: 365,
 * };
 */
export interface EarnProgram {
  readonly rules: readonly EarnRule[];
  /** Multiplier by loyalty tier id (absent tier or id = 1): a gold member earns 1.5× for example. */
  readonly tierMultipliers?: Readonly<Record<string, number>>;
  /** Days earned points stay spendable (lot expiry = at + days); null or absent = they never expire. */
  readonly validityDays?: number | null;
}

/** One way to earn points for an interaction type. */
export interface EarnRule {
  /** Stable id, named in the reason of each award. */
  readonly id: string;
  /** The interaction type it rewards: `"purchase"`, `"review"`, `"referral_converted"`, … */
  readonly interaction: string;
  /** Flat points per interaction (≥ 0). */
  readonly points?: number;
  /** Points per whole spend unit of the interaction's amount (≥ 0): ⌊amount / unit⌋ · pointsPerUnit. */
  readonly pointsPerUnit?: number;
  /** Size of a spend unit in currency (> 0, default 1): 10 means "per 10 € spent". */
  readonly unit?: number;
  /** The rule's own multiplier (> 0, default 1), e.g. 2 for a double-points campaign. */
  readonly multiplier?: number;
}
