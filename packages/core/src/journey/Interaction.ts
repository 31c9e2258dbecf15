import type { IdentifierRef } from "../identity/IdentifierRef.js";
import type { InteractionType } from "./InteractionType.js";

/**
 * One thing a customer did at a touchpoint, in the spirit of a Segment
 * `track` call: who (any known identifier), when, where (touchpoint and
 * channel), what (`type`, `properties`, optional monetary `value`), and an
 * idempotency `id` so a replayed event is counted once.
 *
 * Build from untrusted input with {@link validateInteraction}.
 */
export interface Interaction {
  /** Idempotency id: two interactions with the same id are the same event. */
  readonly id: string;
  /** The identifier the event was recorded under. */
  readonly customer: IdentifierRef;
  /** Further identifiers the event carries (e.g. email on a logged-in page view), used for identity stitching. */
  readonly identifiers?: readonly IdentifierRef[];
  /** Epoch milliseconds, UTC. */
  readonly timestamp: number;
  /** Touchpoint id. */
  readonly touchpoint: string;
  /** Channel id. */
  readonly channel: string;
  readonly type: InteractionType;
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Monetary value (e.g. order total), finite. */
  readonly value?: number;
}
