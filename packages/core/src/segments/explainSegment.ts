import type { InputPath } from "../errors/InputError.js";
import { assertValidSegment } from "./_internal/assertValidSegment.js";
import type { Profile } from "./Profile.js";
import type { SegmentCondition, SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentOptions } from "./SegmentOptions.js";
import { registryOf } from "./_internal/registryOf.js";

/** One node of an explanation: whether it matched, and what the leaf saw. */
export interface SegmentExplanation {
  /** The node's `type`. */
  readonly type: string;
  /** JSON path of the node in its definition (restarting at `["condition"]` inside a referenced segment). */
  readonly path: InputPath;
  readonly matched: boolean;
  /** For leaves: the condition as written. */
  readonly condition?: SegmentCondition;
  /** For leaves: the value(s) read from the profile (null when absent). */
  readonly seen?: unknown;
  /** For inSegment nodes: the referenced segment id. */
  readonly segmentId?: string;
  /** For all / any / not / inSegment: the explained children (all of them: no short-circuit). */
  readonly children?: readonly SegmentExplanation[];
}

/**
 * Explains a segment verdict for one profile: the definition's tree annotated
 * with which branches matched and the values each leaf saw. The root's
 * `matched` equals `compileSegment(definition, options)(profile, now)`.
 *
 * Unlike the compiled predicate this walks the tree and evaluates every branch
 * (so an unmatched `all` shows each failing child); use it for one customer at a
 * time, not in bulk.
 *
 * @throws {InputError} the first validation issue when the definition is invalid
 * @category Segments
 * @example
 * const e = explainSegment({ id: "s", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } },
 *   { id: "c1", traits: { plan: "free" }, interactions: {} }, 0);
 * [e.matched, e.children?.[0]?.seen] // => [false, "free"]
 */
export function explainSegment(definition: SegmentDefinition, profile: Profile, now: number, options: SegmentOptions = {}): SegmentExplanation {
  return segmentExplainer(definition, options)(profile, now);
}

/**
 * {@link explainSegment} with the definition validated once: returns a
 * function explaining the verdict for any profile. For callers that explain
 * the same definition repeatedly (the engagement ladder's reasons).
 *
 * @throws {InputError} the first validation issue when the definition is invalid
 * @category Segments
 * @example
 * const explain = segmentExplainer({ id: "s", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } });
 * explain({ id: "c1", traits: { plan: "pro" }, interactions: {} }, 0).matched // => true
 */
export function segmentExplainer(definition: SegmentDefinition, options: SegmentOptions = {}): (profile: Profile, now: number) => SegmentExplanation {
  assertValidSegment("explainSegment", definition, options);
  const registry = registryOf(options);
  const byId = new Map((options.segments ?? []).map((s) => [s.id, s]));
  byId.set(definition.id, definition);
  return (profile, now) => explainWith(definition, byId, registry, profile, now);
}

function explainWith(
  definition: SegmentDefinition,
  byId: ReadonlyMap<string, SegmentDefinition>,
  registry: ReturnType<typeof registryOf>,
  profile: Profile,
  now: number,
): SegmentExplanation {
  const explain = (node: SegmentCondition, path: InputPath): SegmentExplanation => {
    switch (node.type) {
      case "all":
      case "any": {
        const children = node.conditions.map((c, i) => explain(c, [...path, "conditions", i]));
        const matched = node.type === "all" ? children.every((c) => c.matched) : children.some((c) => c.matched);
        return { type: node.type, path, matched, children };
      }
      case "not": {
        const child = explain(node.condition, [...path, "condition"]);
        return { type: "not", path, matched: !child.matched, children: [child] };
      }
      case "inSegment": {
        const target = byId.get(node.segmentId) as SegmentDefinition;
        const child = explain(target.condition, ["condition"]);
        return { type: "inSegment", path, matched: child.matched, segmentId: node.segmentId, children: [child] };
      }
      default: {
        const kind = registry.kinds.get(node.type);
        if (kind === undefined) return { type: node.type, path, matched: false, condition: node, seen: null };
        return { type: node.type, path, matched: kind.compile(node)(profile, now), condition: node, seen: kind.observe(node, profile, now) };
      }
    }
  };
  const root = explain(definition.condition, ["condition"]);
  return { type: "segment", path: [], matched: root.matched, segmentId: definition.id, children: [root] };
}
