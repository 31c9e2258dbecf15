import type { CustomerStageHistory, StageTransition } from "../CustomerStageHistory.js";
import type { Interaction } from "../Interaction.js";
import { matchesFilter } from "../matchesFilter.js";
import type { StageRules } from "../StageRules.js";
import type { GroupedInteractions } from "./groupInteractions.js";
import type { StageKernelOutput } from "./stageKernel.js";

/** Per grouped row, the bits of the stage rules it matches and of the lapse rules it counts as activity for. */
export function stageMasks(interactions: readonly Interaction[], g: GroupedInteractions, rules: StageRules): { ruleMask: Uint32Array; actMask: Uint32Array } {
  const n = g.order.length;
  const ruleMask = new Uint32Array(n);
  const actMask = new Uint32Array(n);
  const lapse = rules.lapse ?? [];
  for (let r = 0; r < n; r++) {
    const it = interactions[g.order[r] as number] as Interaction;
    let m = 0;
    rules.rules.forEach((rule, k) => {
      if (matchesFilter(rule.when, it)) m |= 1 << k;
    });
    ruleMask[r] = m >>> 0;
    let a = 0;
    lapse.forEach((l, k) => {
      if (l.activity === undefined || matchesFilter(l.activity, it)) a |= 1 << k;
    });
    actMask[r] = a >>> 0;
  }
  return { ruleMask, actMask };
}

/** The kernel's output as histories keyed like `keys` (customer block c is `keys[c]`), transitions with their reasons. */
export function stageHistories(
  out: StageKernelOutput,
  keys: readonly string[],
  interactions: readonly Interaction[],
  order: readonly number[],
  rules: StageRules,
): Map<string, CustomerStageHistory & { transitions: StageTransition[] }> {
  const lapse = rules.lapse ?? [];
  const histories = new Map<string, CustomerStageHistory & { transitions: StageTransition[] }>();
  keys.forEach((key, c) => {
    const s = out.stage[c] as number;
    histories.set(key, { customer: key, stage: s < 0 ? null : (rules.stages[s] as string), since: s < 0 ? null : (out.since[c] as number), transitions: [] });
  });
  for (let k = 0; k < out.tCustomer.length; k++) {
    const h = histories.get(keys[out.tCustomer[k] as number] as string);
    if (h === undefined) continue;
    const from = out.tFrom[k] as number;
    const to = out.tTo[k] as number;
    const cause = out.tCause[k] as number;
    const row = out.tRow[k] as number;
    h.transitions.push({
      from: from < 0 ? null : (rules.stages[from] as string),
      to: rules.stages[to] as string,
      at: out.tAt[k] as number,
      kind: from < 0 ? "entry" : to > from ? "promotion" : "demotion",
      reason: cause >= 0 ? (rules.rules[cause]?.reason as string) : (lapse[-cause - 1]?.reason as string),
      ...(row >= 0 ? { interactionId: (interactions[order[row] as number] as Interaction).id } : {}),
    });
  }
  return histories;
}
