import { TreeCompiler } from "./_internal/compileTree.js";
import type { ProfilePredicate } from "./ConditionKind.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentOptions } from "./SegmentOptions.js";
import { assertValidSegment } from "./_internal/assertValidSegment.js";
import { registryOf } from "./_internal/registryOf.js";

/**
 * Compiles a segment definition into a predicate `(profile, now) → boolean`.
 *
 * The tree is turned once into composed closures (no `new Function`, no tree
 * walking per profile): each leaf kind builds a specialised closure with its
 * constants captured (a `Set` for `in`, a `RegExp` for `matches`, parsed dates),
 * `all` / `any` become short-circuiting conjunctions / disjunctions (`all([])` is
 * true, `any([])` false) and `inSegment` inlines the referenced segment's
 * compiled predicate. `now` (epoch ms) is the evaluation time of relative
 * windows; pass the same `now` to compare runs.
 *
 * Complexity: O(nodes) to compile; per profile, O(leaves) with O(log k) per
 * windowed behavioural leaf over k timestamps.
 *
 * @throws {InputError} the first issue of {@link validateSegmentDefinition} (its code and path) when the definition is invalid
 * @category Segments
 * @example
 * const vip = compileSegment({ id: "vip", condition: { type: "value", metric: "clv", op: "gte", value: 1000 } });
 * vip({ id: "c1", traits: {}, interactions: {}, values: { clv: 1500 } }, Date.now()) // => true
 */
export function compileSegment(definition: SegmentDefinition, options: SegmentOptions = {}): ProfilePredicate {
  assertValidSegment("compileSegment", definition, options);
  // The definition itself wins over a same-id entry of options.segments, as in validation.
  const segments = [...(options.segments ?? []).filter((s) => s.id !== definition.id), definition];
  const compiler = new TreeCompiler(registryOf(options), segments);
  return compiler.segment(definition).test;
}
