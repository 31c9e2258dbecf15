/**
 * The shape of a customer as segment conditions read it. Everything a
 * condition needs is on the profile, so a compiled segment is a pure function
 * of (profile, now).
 */

/** A trait value. Date traits are epoch milliseconds (fast) or ISO 8601 strings (parsed on read). */
export type TraitValue = string | number | boolean | null | readonly (string | number | boolean)[];

/** What behavioural conditions need about one interaction type. */
export interface InteractionHistory {
  /** How many times it was performed, over the whole history. */
  readonly count: number;
  /** Epoch ms of the first and last time, absent when `count` is 0. */
  readonly first?: number;
  readonly last?: number;
  /**
   * Ascending epoch-ms timestamps, needed only by windowed conditions
   * (`performed … withinDays`); they must cover at least the longest window any
   * segment uses (older ones may be pruned). Windowed counts read only this list.
   */
  readonly times?: readonly number[];
}

/** RFM scores (1–5 each, higher is better) and the named RFM segment. */
export interface RfmValue {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment?: string;
}

/** Model outputs and metrics attached to the customer (computed elsewhere, read here). */
export interface ProfileValues {
  readonly rfm?: RfmValue;
  /** Predicted customer lifetime value (currency units). */
  readonly clv?: number;
  /** Probability the customer is still alive, in [0, 1]. */
  readonly pAlive?: number;
  /** The customer's last NPS answer, 0–10. */
  readonly lastNps?: number;
  /** Decayed engagement score. */
  readonly engagementScore?: number;
  /** Any other named metric, read by `metric: "metrics.<name>"`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Engagement-ladder tiers, lowest first. */
export type LadderTier = "passive" | "active" | "advocate";

/** A customer as seen by segment conditions. */
export interface Profile {
  readonly id: string;
  readonly traits: Readonly<Record<string, TraitValue>>;
  /** Interaction history by interaction type ("purchase", "login", "review", …). */
  readonly interactions: Readonly<Record<string, InteractionHistory>>;
  readonly values?: ProfileValues;
  readonly tier?: LadderTier;
  /** Consent by purpose ("marketing") or purpose and channel ("marketing:email"); absent = not granted. */
  readonly consent?: Readonly<Record<string, boolean>>;
  /**
   * Epoch ms at which some consent flag may change without a new event (a
   * future-dated entry takes effect, a grant lapses), any order — from
   * consent's `consentChangeTimes`. The consent condition's next change reads
   * it, so memberships are re-checked then; absent: never.
   */
  readonly consentChangesAt?: readonly number[];
}
