import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { FunnelDefinition } from "./FunnelDefinition.js";
import type { FunnelOptions } from "./FunnelOptions.js";
import type { FunnelResult } from "./FunnelResult.js";
import type { InteractionColumns } from "./InteractionColumns.js";
import type { InteractionFilter } from "./InteractionFilter.js";
import { buildFunnelResult } from "./_internal/buildFunnelResult.js";
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
 * computeFunnelColumnar(toInteractionColumns(events), definition).steps[0].count // => 4
 */
export function computeFunnelColumnar(columns: InteractionColumns, definition: FunnelDefinition, options: FunnelOptions = {}): FunnelResult {
  const fn = "computeFunnelColumnar";
  const { mode, exclFrom, exclTo } = checkFunnelDefinition(fn, definition, options);
  if (columns.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one interaction`, ["columns", "length"], 0);
  const { dictionaries: d } = columns;
  const stepMasks = compile(fn, definition.steps.map((s) => s.match), d, ["definition", "steps"]);
  const exclMasks = compile(fn, (definition.exclusions ?? []).map((x) => x.match), d, ["definition", "exclusions"]);
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

/** Per dictionary, a Uint32Array of the filter bits each code satisfies (absent field = all bits). */
function compile(
  fn: string,
  filters: readonly InteractionFilter[],
  d: InteractionColumns["dictionaries"],
  path: readonly (string | number)[],
): [Uint32Array, Uint32Array, Uint32Array] {
  const all = filters.length === 32 ? 0xffffffff : (1 << filters.length) - 1;
  const t = new Uint32Array(d.type.length).fill(all);
  const p = new Uint32Array(d.touchpoint.length).fill(all);
  const c = new Uint32Array(d.channel.length).fill(all);
  filters.forEach((f, k) => {
    if (f.where !== undefined) {
      throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires filters on type, touchpoint or channel only (no where)`, [...path, k, "match", "where"], f.where);
    }
    restrict(t, d.type, f.type, k);
    restrict(p, d.touchpoint, f.touchpoint, k);
    restrict(c, d.channel, f.channel, k);
  });
  return [t, p, c];
}

function restrict(bits: Uint32Array, dict: readonly string[], want: string | readonly string[] | undefined, k: number): void {
  if (want === undefined) return;
  const set = new Set(typeof want === "string" ? [want] : want);
  const clear = ~(1 << k);
  for (let code = 0; code < dict.length; code++) if (!set.has(dict[code] as string)) bits[code] = ((bits[code] as number) & clear) >>> 0;
}
