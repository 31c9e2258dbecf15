import type { Interaction } from "./Interaction.js";

/**
 * A declarative test on an interaction: every given field must match (AND);
 * a list matches any of its values (OR). `where` adds an arbitrary predicate,
 * usable by {@link computeFunnel} but not by the columnar path, which needs
 * the test expressed on `type` / `touchpoint` / `channel` alone.
 *
 * @example
 * const addToCart: InteractionFilter = { type: "add_to_cart", channel: ["web", "mobile_app"] };
 */
export interface InteractionFilter {
  readonly type?: string | readonly string[];
  readonly touchpoint?: string | readonly string[];
  readonly channel?: string | readonly string[];
  readonly where?: (interaction: Interaction) => boolean;
}
