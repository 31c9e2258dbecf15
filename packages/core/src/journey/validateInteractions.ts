import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { dedupeInteractions, type DedupedInteractions } from "./dedupeInteractions.js";
import type { Interaction } from "./Interaction.js";
import type { InteractionContext } from "./InteractionContext.js";
import { touchpointMap, validateWith } from "./_internal/validateWith.js";
import { defaultChannelRegistry } from "./_internal/defaultChannelRegistry.js";

/**
 * Validates a batch of untrusted interaction records (see
 * {@link validateInteraction} for the rules) and drops repeated idempotency
 * ids, counting them (see {@link dedupeInteractions}).
 *
 * Complexity: O(n).
 *
 * @throws {InputError} the first invalid record's error, its path prefixed with
 *   `["interactions", index]`; `JOURNEY.INVALID_FIELD` when `raw` is not an array
 * @category Journey
 * @example
 * const home = { id: "home", name: "Home", channel: "web", stages: [], ownership: "owned", emits: [] } as const;
 * const rec = { id: "e1", customer: "u1", timestamp: "2024-01-02T00:00:00Z", touchpoint: "home", type: "page_view" };
 * validateInteractions([rec, rec], { touchpoints: [home] }).duplicates // => 1
 */
export function validateInteractions(raw: unknown, context: InteractionContext): DedupedInteractions {
  if (!Array.isArray(raw)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, "validateInteractions requires an array of interactions", ["interactions"], raw);
  }
  const tps = touchpointMap(context.touchpoints);
  const channels = context.channels ?? defaultChannelRegistry;
  const out: Interaction[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = validateWith(raw[i], tps, channels, ["interactions", i]);
  return dedupeInteractions(out);
}
