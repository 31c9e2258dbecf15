import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { FunnelDefinition } from "./FunnelDefinition.js";
import type { FunnelOptions } from "./FunnelOptions.js";
import type { FunnelResult } from "./FunnelResult.js";
import type { InteractionColumns } from "./InteractionColumns.js";
import { buildFunnelResult } from "./_internal/buildFunnelResult.js";
import { compileFilterMasks } from "./_internal/compileFilterMasks.js";
import { checkFunnelDefinition } from "./_internal/checkFunnelDefinition.js";
import { funnelKernel } from "./_internal/funnelKernel.js";
import { groupColumns } from "./_internal/groupColumns.js";

/**
 * {@link computeFunnel} over {@link InteractionColumns}: the same
 * definition, semantics and result, computed on typed arrays without
 * per-event objects. Step and exclusion filters are compiled to per-code
 * bit masks, so they may use `type`, `touchpoint` and `channel` but not
 * `where`. Rows already grouped by customer in ascending time (as
 * {@link toInteractionColumns} produces) are read in place; otherwise a
 * sorted copy is made first.
 *
 * Complexity: O(n·K) on grouped input (n rows, K steps), plus O(n log n) otherwise.
 *
 * @throws {InputError} as {@link computeFunnel}; `METRIC.INVALID_OPTION` for a filter with `where`
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase (see computeFunnel)
 * computeFunnelColumnar(toInteractionColumns(events), definition).steps[1].count // => 1
 */
export function computeFunnelColumnar(columns: InteractionColumns, definition: FunnelDefinition, options: FunnelOptions = {}): FunnelResult {
  const fn = "computeFunnelColumnar";
  const { mode, exclFrom, exclTo } = checkFunnelDefinition(fn, definition, options);
  if (columns.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one interaction`, ["columns", "length"], 0);
  const { dictionaries: d } = columns;
  const stepMasks = compileFilterMasks(fn, definition.steps.map((s) => s.match), d, ["definition", "steps"], "match");
  const exclMasks = compileFilterMasks(fn, (definition.exclusions ?? []).map((x) => x.match), d, ["definition", "exclusions"], "match");
  const g = groupColumns(columns);
  const n = columns.length;
  const mask = new Uint32Array(n);
  const excl = new Uint32Array(n);
  const { type, touchpoint, channel } = g;
  const [sT, sP, sC] = stepMasks;
  const [xT, xP, xC] = exclMasks;
  const anyExcl = (definition.exclusions ?? []).length > 0;
  for (let i = 0; i < n; i++) {
    mask[i] = (sT[type[i] as number] as number) & (sP[touchpoint[i] as number] as number) & (sC[channel[i] as number] as number);
    if (anyExcl) excl[i] = (xT[type[i] as number] as number) & (xP[touchpoint[i] as number] as number) & (xC[channel[i] as number] as number);
  }
  const out = funnelKernel({ starts: g.starts, ts: g.timestamp, mask, excl, steps: definition.steps.length, windowMs: definition.windowMs, mode, exclFrom, exclTo });
  const bd = options.breakdown;
  let groupOf: ((c: number) => string) | null = null;
  if (bd !== undefined) {
    if (bd.by === "segment") groupOf = (c) => bd.segmentOf(d.customer[g.customer[g.starts[c] as number] as number] as string) ?? "(none)";
    else {
      groupOf = (c) => {
        const s = g.starts[c] as number;
        const row = bd.attribution === "first" ? s : Math.max(s, (out.levelRow[c] as number) - 1);
        return bd.by === "channel" ? (d.channel[g.channel[row] as number] as string) : (d.touchpoint[g.touchpoint[row] as number] as string);
      };
    }
  }
  return buildFunnelResult(definition, mode, out, options.confidence ?? 0.95, groupOf);
}
