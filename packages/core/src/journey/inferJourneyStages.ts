import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { CustomerStageHistory } from "./CustomerStageHistory.js";
import { defaultStageRules } from "./defaultStageRules.js";
import type { Interaction } from "./Interaction.js";
import type { StageRules } from "./StageRules.js";
import { compileStageRules } from "./_internal/compileStageRules.js";
import { groupInteractions } from "./_internal/groupInteractions.js";
import { stageKernel } from "./_internal/stageKernel.js";
import { stageHistories, stageMasks } from "./_internal/stageRows.js";

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
  const { ruleMask, actMask } = stageMasks(interactions, g, rules);
  const out = stageKernel(g.starts, g.ts, ruleMask, actMask, R, options.asOf ?? Number.NaN);
  return stageHistories(out, g.keys, interactions, g.order, rules);
}
