import type { Interaction } from "./Interaction.js";

/**
 * The default grouping key of an interaction's customer: `"kind:value"`
 * of the identifier it was recorded under (e.g. `"email:ana@example.com"`).
 * Pass a different key function (for instance the profile id from an
 * {@link IdentityGraph}) to analyse stitched customers.
 *
 * @category Journey
 * @example
 * customerKeyOf({ id: "e1", customer: { kind: "userId", value: "42" }, timestamp: 0,
 *   touchpoint: "home", channel: "web", type: "page_view" }) // => "userId:42"
 */
export function customerKeyOf(interaction: Interaction): string {
  return `${interaction.customer.kind}:${interaction.customer.value}`;
}
