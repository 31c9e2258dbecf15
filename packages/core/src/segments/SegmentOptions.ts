import type { ConditionCheckContext } from "./ConditionKind.js";
import type { ConditionRegistry } from "./ConditionRegistry.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";

/** Options shared by validation, compilation and explanation. */
export interface SegmentOptions extends ConditionCheckContext {
  /** Condition kinds allowed (default: `createConditionRegistry()`). */
  readonly registry?: ConditionRegistry;
  /** Definitions that `inSegment` conditions may reference (by `id`). */
  readonly segments?: readonly SegmentDefinition[];
  /** Largest number of condition nodes in one definition (default 1,000). */
  readonly maxNodes?: number;
  /** Deepest nesting of condition nodes in one definition, root = 1 (default 32). */
  readonly maxDepth?: number;
}

/**
 * Default size limit of one definition: generous for hand-written and UI-built
 * definitions, small enough to reject generated blow-ups (a 10,000-node
 * definition fails with `SEGMENT.TOO_LARGE`).
 *
 * @category Segments
 * @example
 * DEFAULT_MAX_NODES // => 1000
 */
export const DEFAULT_MAX_NODES = 1000;
/**
 * Default nesting limit of one definition (root = 1); checked without recursion.
 *
 * @category Segments
 * @example
 * DEFAULT_MAX_DEPTH // => 32
 */
export const DEFAULT_MAX_DEPTH = 32;
