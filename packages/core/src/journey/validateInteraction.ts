import type { InputPath } from "../errors/InputError.js";
import type { Interaction } from "./Interaction.js";
import type { InteractionContext } from "./InteractionContext.js";
import { defaultChannelRegistry } from "./_internal/defaultChannelRegistry.js";
import { touchpointMap, validateWith } from "./_internal/validateWith.js";

/**
 * Checks one untrusted interaction record (parsed JSON, a queue message)
 * and returns it as a typed, normalised {@link Interaction}.
 *
 * Rules: `id` (idempotency id) and `type` are non-empty strings; `customer`
 * is `{ kind, value }` with non-empty strings, or a bare string meaning
 * `{ kind: "userId", value }`; `timestamp` is epoch milliseconds, a valid
 * `Date`, or an ISO 8601 string (without zone = UTC), normalised to epoch ms;
 * `touchpoint` names a known touchpoint; `channel` names a registered channel
 * and, when given, equals the touchpoint's channel (it defaults to it);
 * `type` is one the touchpoint emits (when its `emits` list is non-empty);
 * `properties` is a plain object; `value` a finite number.
 *
 * Source: Segment Spec, "Track" and "Common fields" (segment.com/docs/connections/spec).
 *
 * @param raw - the record
 * @param context - known touchpoints and channels
 * @param path - where the record sits in the caller's input, prefixed to error paths
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for a missing or mistyped field,
 *   `JOURNEY.INVALID_TIMESTAMP` for a timestamp that is not a date,
 *   `JOURNEY.UNKNOWN_REFERENCE` for an unknown touchpoint or channel,
 *   `METRIC.INCONSISTENT` for a channel or type the touchpoint does not have,
 *   `METRIC.NOT_FINITE` for a non-finite value — each with the field's path
 * @category Journey
 * @example
 * const tp = { id: "home", name: "Home", channel: "web", stages: ["awareness"], ownership: "owned", emits: [] } as const;
 * validateInteraction(
 *   { id: "e1", customer: "u1", timestamp: "2024-01-02T00:00:00Z", touchpoint: "home", type: "page_view" },
 *   { touchpoints: [tp] },
 * ).timestamp // => 1704153600000
 */
export function validateInteraction(raw: unknown, context: InteractionContext, path: InputPath = []): Interaction {
  const touchpoints = touchpointMap(context.touchpoints);
  const channels = context.channels ?? defaultChannelRegistry;
  return validateWith(raw, touchpoints, channels, path);
}
