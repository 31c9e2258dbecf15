import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { Interaction } from "./Interaction.js";
import type { InteractionFilter } from "./InteractionFilter.js";
import { matchesFilter } from "./matchesFilter.js";
import { customerSequences, touchpointPath } from "./_internal/customerSequences.js";

/** Options of {@link topConversionPaths}. */
export interface ConversionPathsOptions {
  /** Which interaction counts as the conversion. */
  readonly conversion: InteractionFilter;
  /** How many paths to return, default 10. */
  readonly k?: number;
  /** Keep only the last `maxLength` touchpoints of each path (conversion included), default 5. */
  readonly maxLength?: number;
  /** Collapse consecutive repeats of a touchpoint, default true. */
  readonly collapseRepeats?: boolean;
  readonly customerKey?: (interaction: Interaction) => string;
}

/** Output of {@link topConversionPaths}. */
export interface ConversionPaths {
  /** Customers with at least one conversion. */
  readonly converters: number;
  readonly paths: readonly { readonly path: readonly string[]; readonly count: number; readonly share: number }[];
}

/**
 * The most frequent touchpoint paths that lead to a conversion: for each
 * customer, the touchpoints of their interactions up to and including the
 * first conversion (time order, consecutive repeats collapsed, the last
 * `maxLength` kept); identical paths are counted and the top k returned
 * with their share of converters.
 *
 * Source: "top conversion paths" as in Google Analytics multi-channel funnels.
 *
 * Complexity: O(n log n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for an empty log; `METRIC.OUT_OF_RANGE` for k or maxLength < 1
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * topConversionPaths(events, { conversion: { type: "purchase" } }).paths
 * // => [{ path: ["product", "cart", "checkout"], count: 1, share: 1 }]
 */
export function topConversionPaths(interactions: readonly Interaction[], options: ConversionPathsOptions): ConversionPaths {
  const k = options.k ?? 10;
  const maxLength = options.maxLength ?? 5;
  for (const [name, v] of [["k", k], ["maxLength", maxLength]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `topConversionPaths requires an integer ${name} ≥ 1, got ${v}`, ["options", name], v);
  }
  if (interactions.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "topConversionPaths requires at least one interaction", ["interactions"], 0);
  const counts = new Map<string, { path: string[]; count: number }>();
  let converters = 0;
  for (const seq of customerSequences(interactions, options.customerKey ?? customerKeyOf).values()) {
    const at = seq.findIndex((it) => matchesFilter(options.conversion, it));
    if (at < 0) continue;
    converters++;
    const path = touchpointPath(seq.slice(0, at + 1), options.collapseRepeats ?? true).slice(-maxLength);
    const key = JSON.stringify(path);
    const row = counts.get(key);
    if (row === undefined) counts.set(key, { path, count: 1 });
    else row.count++;
  }
  const paths = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([, r]) => ({ path: r.path, count: r.count, share: r.count / converters }));
  return { converters, paths };
}
