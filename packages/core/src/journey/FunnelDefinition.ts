import type { InteractionFilter } from "./InteractionFilter.js";

/**
 * A funnel: ordered steps, each a test on interactions, completed within a
 * conversion window measured from the step-1 event.
 *
 * Modes:
 * - `ordered`: the steps occur in order; other events may come in between.
 * - `strict`: the steps occur in order with no other event of the customer in between.
 * - `unordered`: the first k steps all occur inside one window, in any order
 *   (one event may satisfy several steps).
 *
 * A customer's progress is the furthest step reached by any attempt (any
 * step-1 event may start one), so re-entries are not penalised. Hence
 * strict ≤ ordered ≤ unordered, and a wider window never lowers progress.
 */
export interface FunnelDefinition {
  readonly steps: readonly FunnelStep[];
  /** Conversion window in milliseconds (inclusive), > 0. */
  readonly windowMs: number;
  /** Default `"ordered"`. */
  readonly mode?: FunnelMode;
  /** Events that void an attempt when they occur between two steps. */
  readonly exclusions?: readonly FunnelExclusion[];
}

/** One funnel step. */
export interface FunnelStep {
  readonly id: string;
  readonly name?: string;
  readonly match: InteractionFilter;
}

/** See {@link FunnelDefinition}. */
export type FunnelMode = "ordered" | "strict" | "unordered";

/**
 * An exclusion step: an attempt that has reached step `between[0]` (0-based)
 * but not yet step `between[1]` is voided by a matching event. Default
 * `between` = [0, last step]. In `unordered` mode a matching event anywhere
 * inside the window voids it (`between` is ignored).
 */
export interface FunnelExclusion {
  readonly match: InteractionFilter;
  readonly between?: readonly [number, number];
}
