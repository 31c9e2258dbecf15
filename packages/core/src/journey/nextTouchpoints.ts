import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { Interaction } from "./Interaction.js";
import { customerSequences, touchpointPath } from "./_internal/customerSequences.js";

/** One row of {@link nextTouchpoints}. */
export interface TouchpointTransition {
  /** Touchpoint id, or `"$exit"` / `"$entry"` when the anchor was the customer's last / first touch. */
  readonly touchpoint: string;
  readonly count: number;
  /** count / occurrences of the anchor, in [0, 1]. */
  readonly share: number;
}

/** Options of {@link nextTouchpoints}. */
export interface NextTouchpointsOptions {
  /** `"next"` (default) looks after the anchor, `"previous"` before it. */
  readonly direction?: "next" | "previous";
  /** How many rows to return, default 10. */
  readonly k?: number;
  /** Collapse consecutive visits to the same touchpoint into one, default true. */
  readonly collapseRepeats?: boolean;
  readonly customerKey?: (interaction: Interaction) => string;
}

/**
 * The touchpoints customers go to right after (or came from right before)
 * a given touchpoint: for every occurrence of the anchor in a customer's
 * time-ordered path, the neighbouring touchpoint is counted; the top k by
 * count (ties by id) are returned with their share of all occurrences.
 * With `collapseRepeats` (default) a run of the same touchpoint counts once,
 * so "product → product → cart" gives product → cart.
 *
 * Source: "path analysis" / next-step flows as in Adobe Analytics Flow and
 * Google Analytics path exploration.
 *
 * Complexity: O(n log n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when the anchor never occurs;
 *   `METRIC.OUT_OF_RANGE` for k < 1
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * nextTouchpoints(events, "cart")
 * // => [{ touchpoint: "$exit", count: 1, share: 0.5 }, { touchpoint: "checkout", count: 1, share: 0.5 }]
 */
export function nextTouchpoints(interactions: readonly Interaction[], touchpoint: string, options: NextTouchpointsOptions = {}): readonly TouchpointTransition[] {
  const k = options.k ?? 10;
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `nextTouchpoints requires an integer k ≥ 1, got ${k}`, ["options", "k"], k);
  const next = (options.direction ?? "next") === "next";
  const counts = new Map<string, number>();
  let total = 0;
  for (const seq of customerSequences(interactions, options.customerKey ?? customerKeyOf).values()) {
    const path = touchpointPath(seq, options.collapseRepeats ?? true);
    for (let p = 0; p < path.length; p++) {
      if (path[p] !== touchpoint) continue;
      const q = next ? p + 1 : p - 1;
      const key = q < 0 ? "$entry" : q >= path.length ? "$exit" : (path[q] as string);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
  }
  if (total === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `nextTouchpoints requires at least one occurrence of touchpoint "${touchpoint}"`, ["touchpoint"], touchpoint);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([tp, count]) => ({ touchpoint: tp, count, share: count / total }));
}
