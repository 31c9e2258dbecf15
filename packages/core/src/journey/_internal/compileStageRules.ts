import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { describe } from "../../_internal/assert.js";
import type { StageRules } from "../StageRules.js";

/** Stage rules as typed arrays for the kernel. */
export interface CompiledStageRules {
  readonly toRank: Int8Array;
  readonly minCount: Int32Array;
  /** Bit r+1 set = allowed from rank r; bit 0 = allowed with no stage yet. */
  readonly fromMask: Uint32Array;
  readonly allowDemotion: Uint8Array;
  readonly lapseFrom: Uint32Array;
  readonly lapseTo: Int8Array;
  readonly lapseAfter: Float64Array;
}

export function compileStageRules(fn: string, r: StageRules): CompiledStageRules {
  const rank = new Map<string, number>();
  if (r.stages.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one stage`, ["rules", "stages"], r.stages);
  if (r.stages.length > 30) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires at most 30 stages, got ${r.stages.length}`, ["rules", "stages"], r.stages.length);
  r.stages.forEach((s, i) => {
    if (rank.has(s)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique stage ids, got "${s}" twice`, ["rules", "stages", i], s);
    rank.set(s, i);
  });
  const stageOf = (id: string, path: (string | number)[]): number => {
    const k = rank.get(id);
    if (k === undefined) throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${fn} requires a known stage at ${path.join(".")}, got ${describe(id)}`, path, id);
    return k;
  };
  if (r.rules.length > 31) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires at most 31 rules, got ${r.rules.length}`, ["rules", "rules"], r.rules.length);
  const lapse = r.lapse ?? [];
  if (lapse.length > 31) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires at most 31 lapse rules, got ${lapse.length}`, ["rules", "lapse"], lapse.length);
  const n = r.rules.length;
  const out = {
    toRank: new Int8Array(n),
    minCount: new Int32Array(n),
    fromMask: new Uint32Array(n),
    allowDemotion: new Uint8Array(n),
    lapseFrom: new Uint32Array(lapse.length),
    lapseTo: new Int8Array(lapse.length),
    lapseAfter: new Float64Array(lapse.length),
  };
  r.rules.forEach((rule, i) => {
    out.toRank[i] = stageOf(rule.to, ["rules", "rules", i, "to"]);
    const m = rule.minCount ?? 1;
    if (!(Number.isInteger(m) && m >= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires an integer minCount ≥ 1, got ${describe(m)}`, ["rules", "rules", i, "minCount"], m);
    out.minCount[i] = m;
    out.fromMask[i] = rule.from === undefined ? 0xffffffff : rule.from.reduce((acc, s, j) => acc | (1 << (stageOf(s, ["rules", "rules", i, "from", j]) + 1)), 0) >>> 0;
    out.allowDemotion[i] = rule.allowDemotion === true ? 1 : 0;
  });
  lapse.forEach((l, i) => {
    out.lapseFrom[i] = l.from.reduce((acc, s, j) => acc | (1 << (stageOf(s, ["rules", "lapse", i, "from", j]) + 1)), 0) >>> 0;
    out.lapseTo[i] = stageOf(l.to, ["rules", "lapse", i, "to"]);
    if (!(typeof l.afterMs === "number" && l.afterMs > 0)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive afterMs, got ${describe(l.afterMs)}`, ["rules", "lapse", i, "afterMs"], l.afterMs);
    out.lapseAfter[i] = l.afterMs;
  });
  return out;
}
