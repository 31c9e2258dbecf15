import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence } from "../_internal/assert.js";
import type { Interval } from "../stats/Interval.js";
import { wilsonInterval } from "../stats/wilsonInterval.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { CustomerStageHistory } from "./CustomerStageHistory.js";
import type { DurationSummary } from "./FunnelResult.js";
import type { Interaction } from "./Interaction.js";
import { customerSequences } from "./_internal/customerSequences.js";
import { summarizeDurations } from "./_internal/summarizeDurations.js";

/** Health of one journey stage; see {@link stageHealth}. */
export interface StageHealth {
  readonly stage: string;
  /** Customers who entered the stage at least once. */
  readonly entered: number;
  /** Customers in the stage now. */
  readonly current: number;
  /** Customers promoted out of the stage at least once. */
  readonly movedOn: number;
  /** movedOn / entered in [0, 1]; null when nobody entered. */
  readonly conversionOnward: number | null;
  readonly conversionOnwardInterval: Interval | null;
  /** Length of completed stays (ended by a promotion or demotion), ms. */
  readonly timeInStage: DurationSummary | null;
  /** Touchpoints where stays most often ended without moving on, most drop-offs first. */
  readonly painPoints: readonly PainPoint[];
}

/** A touchpoint that was the last touch of stays in a stage. */
export interface PainPoint {
  readonly touchpoint: string;
  /** Stays whose last interaction was at this touchpoint. */
  readonly stays: number;
  /** Of those, stays that did not end in a promotion (demoted, or still there). */
  readonly dropped: number;
  /** dropped / stays, in [0, 1]. */
  readonly dropOffRate: number;
  readonly interval: Interval;
}

/** Options of {@link stageHealth}. */
export interface StageHealthOptions {
  /** Stage ids in order, e.g. `rules.stages`. */
  readonly stages: readonly string[];
  /** How many pain points per stage, default 5. */
  readonly painPoints?: number;
  readonly confidence?: number;
  /** Must be the key used for the histories, default {@link customerKeyOf}. */
  readonly customerKey?: (interaction: Interaction) => string;
}

/**
 * Stage health from inferred stage histories and the interactions behind
 * them: per stage, the customers who entered it (volume) and who are in it
 * now, the share who moved on (promoted out) with a Wilson interval, the
 * median / p90 time spent in completed stays, and the pain points.
 *
 * A stay runs from a transition into the stage to the next transition (or
 * is open). Its last touch is the touchpoint of the customer's last
 * interaction inside it; a stay drops off unless it ends in a promotion.
 * Pain points rank touchpoints by the number of stays that dropped off
 * there (then by rate): the exit-page idea of web analytics applied to stages.
 *
 * Complexity: O(n log n + transitions).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no histories; `JOURNEY.DUPLICATE_ID` for a repeated stage; `METRIC.OUT_OF_RANGE` for painPoints < 1;
 *   `METRIC.INVALID_OPTION` for a confidence outside (0, 1)
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * const h = stageHealth(inferJourneyStages(events), events, { stages: defaultStageRules.stages });
 * h[1].stage // => "consideration"
 * [h[1].entered, h[1].movedOn, h[1].conversionOnward] // => [3, 1, 0.3333333333333333]
 * h[1].painPoints.map((p) => [p.touchpoint, p.dropped]) // => [["product", 1], ["cart", 1]]
 */
export function stageHealth(
  histories: ReadonlyMap<string, CustomerStageHistory>,
  interactions: readonly Interaction[],
  options: StageHealthOptions,
): readonly StageHealth[] {
  const fn = "stageHealth";
  if (histories.size === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer history`, ["histories"], 0);
  const k = options.painPoints ?? 5;
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires an integer painPoints ≥ 1, got ${k}`, ["options", "painPoints"], k);
  const confidence = options.confidence ?? 0.95;
  assertConfidence(fn, confidence);
  const dup = options.stages.findIndex((s, i) => options.stages.indexOf(s) !== i);
  if (dup >= 0) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique stage ids, got "${options.stages[dup]}" twice`, ["options", "stages", dup], options.stages[dup]);
  const seqs = customerSequences(interactions, options.customerKey ?? customerKeyOf);
  const acc = new Map(
    options.stages.map((s) => [s, { entered: new Set<string>(), current: 0, movedOn: new Set<string>(), durations: [] as number[], tp: new Map<string, { stays: number; dropped: number }>() }]),
  );
  for (const h of histories.values()) {
    if (h.stage !== null) {
      const a = acc.get(h.stage);
      if (a !== undefined) a.current++;
    }
    const seq = seqs.get(h.customer) ?? [];
    let cursor = 0;
    h.transitions.forEach((t, i) => {
      const a = acc.get(t.to);
      if (a === undefined) return;
      a.entered.add(h.customer);
      const next = h.transitions[i + 1];
      const end = next === undefined ? Number.POSITIVE_INFINITY : next.at;
      const promoted = next !== undefined && next.kind === "promotion";
      if (promoted) a.movedOn.add(h.customer);
      if (next !== undefined) a.durations.push(end - t.at);
      while (cursor < seq.length && (seq[cursor] as Interaction).timestamp < t.at) cursor++;
      let last: string | undefined;
      while (cursor < seq.length && (seq[cursor] as Interaction).timestamp < end) last = (seq[cursor++] as Interaction).touchpoint;
      if (last !== undefined) {
        const row = a.tp.get(last) ?? { stays: 0, dropped: 0 };
        row.stays++;
        if (!promoted) row.dropped++;
        a.tp.set(last, row);
      }
    });
  }
  return options.stages.map((stage) => {
    const a = acc.get(stage) as NonNullable<ReturnType<typeof acc.get>>;
    const entered = a.entered.size;
    const movedOn = a.movedOn.size;
    const painPoints = [...a.tp]
      .filter(([, r]) => r.dropped > 0)
      .sort((x, y) => y[1].dropped - x[1].dropped || y[1].dropped / y[1].stays - x[1].dropped / x[1].stays || (x[0] < y[0] ? -1 : 1))
      .slice(0, k)
      .map(([touchpoint, r]) => ({ touchpoint, stays: r.stays, dropped: r.dropped, dropOffRate: r.dropped / r.stays, interval: wilsonInterval(r.dropped, r.stays, confidence) }));
    return {
      stage,
      entered,
      current: a.current,
      movedOn,
      conversionOnward: entered > 0 ? movedOn / entered : null,
      conversionOnwardInterval: entered > 0 ? wilsonInterval(movedOn, entered, confidence) : null,
      timeInStage: summarizeDurations(Float64Array.from(a.durations), a.durations.length),
      painPoints,
    };
  });
}
