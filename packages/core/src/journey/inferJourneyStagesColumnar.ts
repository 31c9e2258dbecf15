import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { InteractionColumns } from "./InteractionColumns.js";
import type { StageColumns } from "./StageColumns.js";
import type { StageInferenceOptions } from "./inferJourneyStages.js";
import type { StageRules } from "./StageRules.js";
import { defaultStageRules } from "./defaultStageRules.js";
import { compileFilterMasks } from "./_internal/compileFilterMasks.js";
import { compileStageRules } from "./_internal/compileStageRules.js";
import { groupColumns } from "./_internal/groupColumns.js";
import { stageKernel, stageKernelFused, type StageKernelOutput } from "./_internal/stageKernel.js";

/**
 * {@link inferJourneyStages} over {@link InteractionColumns}: the same
 * rules and semantics, on typed arrays, returning {@link StageColumns}.
 * Rule filters may use `type`, `touchpoint` and `channel`, not `where`.
 *
 * Complexity: O(n · (rules + lapse rules)) on grouped input.
 *
 * @throws {InputError} as {@link inferJourneyStages}; `METRIC.INVALID_OPTION` for a filter with `where`
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * const s = inferJourneyStagesColumnar(toInteractionColumns(events));
 * [...s.stage].map((k) => s.stages[k]) // => ["conversion", "consideration", "consideration"]
 */
export function inferJourneyStagesColumnar(columns: InteractionColumns, rules: StageRules = defaultStageRules, options: StageInferenceOptions = {}): StageColumns {
  const fn = "inferJourneyStagesColumnar";
  const R = compileStageRules(fn, rules);
  if (columns.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one interaction`, ["columns", "length"], 0);
  const d = columns.dictionaries;
  const lapse = rules.lapse ?? [];
  const [rT, rP, rC] = compileFilterMasks(fn, rules.rules.map((r) => r.when), d, ["rules", "rules"], "when");
  const [aT, aP, aC] = compileFilterMasks(fn, lapse.map((l) => l.activity ?? {}), d, ["rules", "lapse"], "activity");
  // Rules that filter on type alone (the common case): the kernel looks the bits up by type
  // code, with no per-row mask array to write and read. Otherwise one mask per row, in the
  // narrowest type that holds one bit per rule.
  const nRules = rules.rules.length;
  const all = nRules >= 32 ? 0xffffffff : (1 << nRules) - 1;
  const typeOnly = rP.every((b) => b === all) && rC.every((b) => b === all);
  if (typeOnly && lapse.length === 0) {
    // Columns usually come grouped: check that in the kernel's own pass, and group only if not.
    const f = stageKernelFused(columns.customer, columns.timestamp, columns.type, columns.length, d.customer.length, rT, R);
    if (f !== null) return stageColumns(rules, blockCustomers(f.starts, columns.customer, d.customer, f.inOrder), f.out);
  }
  const g = groupColumns(columns);
  const n = columns.length;
  const { type, touchpoint, channel } = g;
  let ruleMask: Uint8Array | Uint16Array | Uint32Array | Int32Array = type;
  if (!typeOnly) {
    const mask = nRules <= 8 ? new Uint8Array(n) : nRules <= 16 ? new Uint16Array(n) : new Uint32Array(n);
    for (let i = 0; i < n; i++) mask[i] = (rT[type[i] as number] as number) & (rP[touchpoint[i] as number] as number) & (rC[channel[i] as number] as number);
    ruleMask = mask;
  }
  // Without lapse rules the kernel never reads activity bits.
  const actMask = new Uint32Array(lapse.length > 0 ? n : 0);
  if (lapse.length > 0) {
    for (let i = 0; i < n; i++) actMask[i] = (aT[type[i] as number] as number) & (aP[touchpoint[i] as number] as number) & (aC[channel[i] as number] as number);
  }
  const out = stageKernel(g.starts, g.timestamp, ruleMask, actMask, R, options.asOf ?? Number.NaN, false, typeOnly ? rT : null);
  return stageColumns(rules, blockCustomers(g.starts, g.customer, d.customer, false), out);
}

function stageColumns(rules: StageRules, customers: string[], out: StageKernelOutput): StageColumns {
  return {
    stages: rules.stages,
    customers,
    stage: out.stage,
    since: out.since,
    transitions: { customer: out.tCustomer, from: out.tFrom, to: out.tTo, at: out.tAt, cause: out.tCause },
  };
}

/**
 * The customer key of each block. When block c holds customer code c for every c (`inOrder`,
 * which the fused pass learns for free), a copy of the dictionary's start; else one lookup per block.
 */
function blockCustomers(starts: Int32Array, customer: Int32Array, dict: readonly string[], inOrder: boolean): string[] {
  const C = starts.length - 1;
  if (inOrder && C <= dict.length) return dict.slice(0, C);
  const customers: string[] = new Array(C);
  for (let c = 0; c < C; c++) customers[c] = dict[customer[starts[c] as number] as number] as string;
  return customers;
}
