import { assertCount } from "../_internal/assert.js";
import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Self-service deflection rate: the share of support needs resolved without
 * an agent, selfServed / (selfServed + tickets), with a Wilson interval.
 * `selfServed` counts self-service sessions that ended without a ticket (help
 * centre, bot); `tickets` the needs that reached an agent. From events, count
 * them with {@link deflectionCounts} (resolutions not followed by a ticket of
 * the same customer within a window).
 *
 * Range: [0, 1].
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when both are 0
 * @category Support
 * @example
 * selfServiceDeflectionRate({ selfServed: 300, tickets: 100 }).rate // => 0.75
 */
export function selfServiceDeflectionRate(input: { readonly selfServed: number; readonly tickets: number }, confidence = 0.95): Rate {
  assertCount("selfServiceDeflectionRate", input.tickets, ["tickets"]);
  assertCount("selfServiceDeflectionRate", input.selfServed, ["selfServed"]);
  return proportion("selfServiceDeflectionRate", input.selfServed, "selfServed", input.selfServed + input.tickets, "selfServed + tickets", confidence);
}
