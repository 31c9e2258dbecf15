import type { Interaction } from "./Interaction.js";
import type { InteractionFilter } from "./InteractionFilter.js";

/**
 * Whether `interaction` satisfies every field of `filter` (see
 * {@link InteractionFilter}). The empty filter matches everything.
 *
 * @category Journey
 * @example
 * matchesFilter({ type: ["purchase", "refund"] }, { id: "e1", customer: { kind: "userId", value: "a" },
 *   timestamp: 0, touchpoint: "checkout", channel: "web", type: "purchase" }) // => true
 */
export function matchesFilter(filter: InteractionFilter, interaction: Interaction): boolean {
  return (
    oneOf(filter.type, interaction.type) &&
    oneOf(filter.touchpoint, interaction.touchpoint) &&
    oneOf(filter.channel, interaction.channel) &&
    (filter.where === undefined || filter.where(interaction))
  );
}

function oneOf(want: string | readonly string[] | undefined, got: string): boolean {
  if (want === undefined) return true;
  return typeof want === "string" ? want === got : want.includes(got);
}
