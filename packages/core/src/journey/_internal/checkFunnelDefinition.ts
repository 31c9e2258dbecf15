import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertConfidence, describe } from "../../_internal/assert.js";
import type { FunnelDefinition, FunnelMode } from "../FunnelDefinition.js";
import type { FunnelOptions } from "../FunnelOptions.js";

const MODES: readonly FunnelMode[] = ["ordered", "strict", "unordered"];

/** Validates a funnel definition; returns the resolved mode and exclusion ranges. */
export function checkFunnelDefinition(fn: string, def: FunnelDefinition, options: FunnelOptions): { mode: FunnelMode; exclFrom: Int32Array; exclTo: Int32Array } {
  const K = def.steps.length;
  if (K === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one step`, ["definition", "steps"], K);
  if (K > 31) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires at most 31 steps, got ${K}`, ["definition", "steps"], K);
  const ids = new Set<string>();
  def.steps.forEach((s, i) => {
    if (ids.has(s.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique step ids, got "${s.id}" twice`, ["definition", "steps", i, "id"], s.id);
    ids.add(s.id);
  });
  if (!(typeof def.windowMs === "number" && def.windowMs > 0)) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive windowMs, got ${describe(def.windowMs)}`, ["definition", "windowMs"], def.windowMs);
  }
  const mode = def.mode ?? "ordered";
  if (!MODES.includes(mode)) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires mode ordered, strict or unordered, got ${describe(mode)}`, ["definition", "mode"], mode);
  const ex = def.exclusions ?? [];
  if (ex.length > 31) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires at most 31 exclusions, got ${ex.length}`, ["definition", "exclusions"], ex.length);
  const exclFrom = new Int32Array(ex.length);
  const exclTo = new Int32Array(ex.length);
  ex.forEach((x, j) => {
    const [a, b] = x.between ?? [0, K - 1];
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a < b && b < K)) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires exclusion steps 0 ≤ from < to < ${K}, got [${a}, ${b}]`, ["definition", "exclusions", j, "between"], x.between);
    }
    exclFrom[j] = a;
    exclTo[j] = b;
  });
  assertConfidence(fn, options.confidence ?? 0.95);
  return { mode, exclFrom, exclTo };
}
