import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import type { InteractionColumns } from "../InteractionColumns.js";
import type { InteractionFilter } from "../InteractionFilter.js";

/**
 * Compiles up to 32 filters to per-code bit masks over the three dictionaries: bit k of
 * `type[code] & touchpoint[code] & channel[code]` is set when a row with those codes passes filter k.
 */
export function compileFilterMasks(
  fn: string,
  filters: readonly InteractionFilter[],
  d: InteractionColumns["dictionaries"],
  path: InputPath,
  field?: string,
): readonly [Uint32Array, Uint32Array, Uint32Array] {
  const all = filters.length >= 32 ? 0xffffffff : (1 << filters.length) - 1;
  const t = new Uint32Array(d.type.length).fill(all);
  const p = new Uint32Array(d.touchpoint.length).fill(all);
  const c = new Uint32Array(d.channel.length).fill(all);
  filters.forEach((f, k) => {
    if (f.where !== undefined) {
      throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires filters on type, touchpoint or channel only (no where)`, [...path, k, ...(field === undefined ? [] : [field]), "where"], f.where);
    }
    for (const [bits, dict, want] of [[t, d.type, f.type], [p, d.touchpoint, f.touchpoint], [c, d.channel, f.channel]] as const) {
      if (want === undefined) continue;
      const set = new Set(typeof want === "string" ? [want] : want);
      for (let code = 0; code < dict.length; code++) if (!set.has(dict[code] as string)) bits[code] = ((bits[code] as number) & ~(1 << k)) >>> 0;
    }
  });
  return [t, p, c];
}
