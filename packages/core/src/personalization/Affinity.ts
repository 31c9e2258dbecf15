/**
 * A customer's affinity: time-decayed weight per category (or item),
 * normalised into shares that sum to 1. Computed by {@link categoryAffinity}
 * and {@link itemAffinity}.
 *
 * @category Personalization
 * @example
 * const a: Affinity = { shares: [{ key: "shoes", share: 1, weight: 0.5, events: 1 }], total: 0.5, n: 1, asOf: 0, halfLifeDays: 90 };
 */
export interface Affinity {
  /** Highest weight first (ties by key); empty when no event counted (n = 0). */
  readonly shares: readonly AffinityShare[];
  /** Σ decayed weights of the counted events (0 only when n = 0). */
  readonly total: number;
  /** Events counted: at or before `asOf`, with a key and a positive weight. */
  readonly n: number;
  readonly asOf: number;
  readonly halfLifeDays: number;
}

/** One category's (or item's) part of the affinity. */
export interface AffinityShare {
  readonly key: string;
  /** weight / total, in (0, 1]; shares sum to 1. */
  readonly share: number;
  /** Σ of its events' decayed weights. */
  readonly weight: number;
  readonly events: number;
}
