import { InputError } from "../errors/InputError.js";
import { TreeCompiler } from "./_internal/compileTree.js";
import type { ProfilePredicate } from "./ConditionKind.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentOptions } from "./SegmentOptions.js";
import { registryOf, validateSegmentDefinition } from "./validateSegmentDefinition.js";

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
  const compiler = new TreeCompiler(registryOf(options), options.segments ?? []);
  return compiler.segment(definition).test;
}

/** Throws the first validation issue as an {@link InputError} (the message counts the rest). */
export function assertValidSegment(fn: string, definition: SegmentDefinition, options: SegmentOptions): void {
  const { issues } = validateSegmentDefinition(definition, options);
  const first = issues[0];
  if (first !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : "";
    throw new InputError(first.code, `${first.message.replace("validateSegmentDefinition", fn)}${more}`, first.path, first.value);
  }
}
