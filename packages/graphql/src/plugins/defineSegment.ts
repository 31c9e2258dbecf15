import type { EngagekitPlugin } from "./EngagekitPlugin.js";
import type { ConditionNode, PluginConditionKind } from "./PluginConditionKind.js";

/**
 * engagekit's own leaves, by their `type` only (the core validates their
 * fields at runtime). A plugin's node never matches it, since its `type` is
 * none of these: the plugin's parameters are checked exactly.
 */
type EngagekitLeaf = {
  readonly type: "trait" | "performed" | "firstPerformed" | "lastPerformed" | "value" | "rfmSegment" | "ladderTier" | "consent" | "inSegment";
  readonly [field: string]: unknown;
};
type NodeOf<K> = K extends PluginConditionKind<infer T, infer P> ? ConditionNode<T, P> : never;

/** The condition nodes the plugins `P` add (a union of `{ type, ...params }`). */
export type PluginConditionOf<P extends readonly EngagekitPlugin[]> = NodeOf<NonNullable<P[number]["conditions"]>[number]>;

/** A condition tree over engagekit's kinds and the extra leaves `X`. */
export type ConditionWith<X> =
  | EngagekitLeaf
  | X
  | { readonly type: "all"; readonly conditions: readonly ConditionWith<X>[] }
  | { readonly type: "any"; readonly conditions: readonly ConditionWith<X>[] }
  | { readonly type: "not"; readonly condition: ConditionWith<X> };

/** A segment definition whose leaves may use the plugins' condition kinds. */
export interface SegmentDefinitionWith<X> {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly condition: ConditionWith<X>;
}

/**
 * Type-checks a segment definition against engagekit's condition kinds and
 * the plugins' (their `type` literals and parameter types); returns it
 * unchanged. At runtime the same definition is validated by the core
 * (BAD_USER_INPUT with the path over GraphQL).
 */
export function defineSegment<const P extends readonly EngagekitPlugin[]>(
  _plugins: P,
  definition: SegmentDefinitionWith<PluginConditionOf<P>>,
): SegmentDefinitionWith<PluginConditionOf<P>> {
  return definition;
}
