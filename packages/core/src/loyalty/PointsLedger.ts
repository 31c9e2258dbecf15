/**
 * A customer's loyalty points as plain, JSON-serialisable data: the open earn
 * lots (what can still be spent, oldest first) and the full, append-only
 * history of what happened to them. Every function of the ledger is pure and
 * returns a new ledger; the input is never modified.
 *
 * Invariants kept by {@link earnPoints}, {@link redeemPoints} and {@link expirePoints}:
 * - the balance Σ lots.remaining is never negative, and it equals
 *   Σ earn.points − Σ redeem.points − Σ expire.points over `history`;
 * - `lots` is first-in-first-out (ascending `earnedAt`, then earn order) and
 *   holds only lots with `remaining > 0`;
 * - `history` is in ascending `at` order and every entry names the lot(s) it touched;
 * - an operation key appears at most once in `history` (idempotency).
 *
 * @category Loyalty
 * @example
 * const ledger: PointsLedger = { customerId: "c1", lots: [], history: [] };
 */
export interface PointsLedger {
  readonly customerId: string;
  /** Open lots (remaining > 0), oldest first: redemption and expiry consume them in this order. */
  readonly lots: readonly PointsLot[];
  /** Every earn, redemption and expiry, in time order: the audit trail. */
  readonly history: readonly LedgerEntry[];
}

/** Points earned by one operation, with what is left of them and when they expire. */
export interface PointsLot {
  /** The key of the earn operation that created the lot. */
  readonly id: string;
  /** Epoch ms of the earn. */
  readonly earnedAt: number;
  /** Epoch ms from which the lot is expired (validity is [earnedAt, expiresAt)); null = never expires. */
  readonly expiresAt: number | null;
  /** Points earned (a positive integer). */
  readonly points: number;
  /** Points not yet redeemed or expired (0 < remaining ≤ points). */
  readonly remaining: number;
}

/** Points added to the balance as a new lot. */
export interface EarnEntry {
  readonly kind: "earn";
  /** The operation's idempotency key (also the lot id). */
  readonly key: string;
  readonly at: number;
  readonly points: number;
  readonly lot: string;
  readonly expiresAt: number | null;
  readonly reason?: string;
}

/** What a redemption took from one lot. */
export interface LotDraw {
  readonly lot: string;
  readonly points: number;
}

/** Points spent, drawn from the oldest open lots first. */
export interface RedeemEntry {
  readonly kind: "redeem";
  readonly key: string;
  readonly at: number;
  readonly points: number;
  /** The lots drawn from, oldest first; their points sum to `points`. */
  readonly lots: readonly LotDraw[];
  readonly reason?: string;
}

/** What was left of a lot when it reached its expiry (written by the ledger, not keyed by the caller). */
export interface ExpireEntry {
  readonly kind: "expire";
  /** The lot's `expiresAt`: when the points stopped being spendable. */
  readonly at: number;
  readonly points: number;
  readonly lot: string;
}

/** One line of a ledger's history. */
export type LedgerEntry = EarnEntry | RedeemEntry | ExpireEntry;
