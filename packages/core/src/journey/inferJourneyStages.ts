import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { CustomerStageHistory, StageTransition } from "./CustomerStageHistory.js";
import { defaultStageRules } from "./defaultStageRules.js";
import type { Interaction } from "./Interaction.js";
import { matchesFilter } from "./matchesFilter.js";
import type { StageRules } from "./StageRules.js";
import { compileStageRules } from "./_internal/compileStageRules.js";
import { groupInteractions } from "./_internal/groupInteractions.js";
import { stageKernel } from "./_internal/stageKernel.js";

/** Options of {@link inferJourneyStages} and {@link inferJourneyStagesColumnar}. */
export interface StageInferenceOptions {
  /** Evaluate lapse rules up to this time (epoch ms) after the last interaction; default: no check after it. */
  readonly asOf?: number;
  /** Customer grouping key (object path only), default {@link customerKeyOf}. */
  readonly customerKey?: (interaction: Interaction) => string;
}

/**
 * Infers each customer's journey stage from their interactions with
 * configurable rules, keeping the full history of transitions — entries,
 * promotions and demotions — each with its reason.
 *
 * Procedure, per customer in time order (ties in input order): before an
 * interaction at time t, every lapse rule whose `from` holds the current
 * stage fires if t exceeds (last matching activity, or the stage entry if
 * later) + `afterMs`, dated at that moment; then each stage rule matching
 * the interaction counts it, and among rules whose count has reached
 * `minCount` and whose `from` allows the current stage, the one to the
 * latest stage above the current one fires (a promotion); failing that, a
 * rule with `allowDemotion` to a lower stage. A demotion restarts the
 * counts, so a lapsed customer must re-earn later stages. With `asOf`, lapse
 * rules are applied once more at that time.
 *
 * Source: stage models of the customer journey (Lemon & Verhoef 2016) and
 * the lifecycle stages of CRM practice (e.g. HubSpot lifecycle stages);
 * lapse by recency as in RFM-based "active customer" definitions.
 *
 * Complexity: O(n log n + n · (rules + lapse rules)).
 *
 * @param interactions - the event log (any order)
 * @param rules - default {@link defaultStageRules}
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for an empty log or no stages; `JOURNEY.UNKNOWN_REFERENCE`
 *   for a rule naming an unknown stage; `JOURNEY.DUPLICATE_ID` for repeated stage ids;
 *   `METRIC.OUT_OF_RANGE` for minCount < 1, afterMs ≤ 0 or more than 31 rules
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * [...inferJourneyStages(events).values()].map((h) => h.stage) // => ["conversion", "consideration", "consideration"]
 */
export function inferJourneyStages(
  interactions: readonly Interaction[],
  rules: StageRules = defaultStageRules,
  options: StageInferenceOptions = {},
): ReadonlyMap<string, CustomerStageHistory> {
  const fn = "inferJourneyStages";
  const R = compileStageRules(fn, rules);
  if (interactions.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one interaction`, ["interactions"], 0);
  const g = groupInteractions(interactions, options.customerKey ?? customerKeyOf);
  const n = interactions.length;
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
  const out = stageKernel(g.starts, g.ts, ruleMask, actMask, R, options.asOf ?? Number.NaN);
  const histories = new Map<string, { customer: string; stage: string | null; since: number | null; transitions: StageTransition[] }>();
  g.keys.forEach((key, c) => {
    const s = out.stage[c] as number;
    histories.set(key, { customer: key, stage: s < 0 ? null : (rules.stages[s] as string), since: s < 0 ? null : (out.since[c] as number), transitions: [] });
  });
  for (let k = 0; k < out.tCustomer.length; k++) {
    const h = histories.get(g.keys[out.tCustomer[k] as number] as string);
    if (h === undefined) continue;
    const from = out.tFrom[k] as number;
    const to = out.tTo[k] as number;
    const cause = out.tCause[k] as number;
    const row = out.tRow[k] as number;
    const t: StageTransition = {
      from: from < 0 ? null : (rules.stages[from] as string),
      to: rules.stages[to] as string,
      at: out.tAt[k] as number,
      kind: from < 0 ? "entry" : to > from ? "promotion" : "demotion",
      reason: cause >= 0 ? (rules.rules[cause]?.reason as string) : (lapse[-cause - 1]?.reason as string),
      ...(row >= 0 ? { interactionId: (interactions[g.order[row] as number] as Interaction).id } : {}),
    };
    h.transitions.push(t);
  }
  return histories;
}
