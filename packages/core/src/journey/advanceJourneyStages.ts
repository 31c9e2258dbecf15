import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import { fingerprint } from "../_internal/fingerprint.js";
import type { CustomerStageHistory } from "./CustomerStageHistory.js";
import { customerKeyOf } from "./customerKeyOf.js";
import { defaultStageRules } from "./defaultStageRules.js";
import type { StageInferenceOptions } from "./inferJourneyStages.js";
import type { Interaction } from "./Interaction.js";
import type { JourneyStageState } from "./JourneyStageState.js";
import type { StageRules } from "./StageRules.js";
import { compileStageRules } from "./_internal/compileStageRules.js";
import { groupInteractions } from "./_internal/groupInteractions.js";
import { stageKernel } from "./_internal/stageKernel.js";
import { stageHistories, stageMasks } from "./_internal/stageRows.js";

/** A saved state that does not fit the rules, at `previous[key].field`. */
function bad(key: string, field: string, rule: string, value: unknown): never {
  throw new InputError(ErrorCodes.INCONSISTENT, `advanceJourneyStages requires ${rule} at previous[${JSON.stringify(key)}].${field}, got ${describe(value)}`, ["previous", key, field], value);
}

/** What {@link advanceJourneyStages} returns. */
export interface JourneyStageAdvance {
  /** Per customer: the stage now and the transitions of this step only (entries, promotions, demotions, with reasons). */
  readonly histories: ReadonlyMap<string, CustomerStageHistory>;
  /** Per customer: the state to save and pass back next time. */
  readonly states: ReadonlyMap<string, JourneyStageState>;
}

/**
 * {@link inferJourneyStages} one step at a time: folds new interactions into
 * each customer's saved {@link JourneyStageState} instead of replaying the
 * whole history, and returns the new states beside the step's transitions.
 * For event streams and ingestion, where reading every customer's full
 * history on each batch would make the work grow with the history.
 *
 * Law: for any log split at a time T, advancing the state of the part before
 * T (computed with `asOf: T`) by the part from T on gives the same stage,
 * entry time and transitions as inferring over the whole log (tested with
 * fast-check in `test/journeyStages.test.ts`).
 *
 * Customers in `previous` without new interactions keep their state, with
 * lapse rules applied up to `asOf` when it is given. Empty input (no
 * interactions and no previous states) gives empty maps.
 *
 * Complexity: O(n log n + n · rules + customers · (rules + lapse rules)).
 *
 * @param interactions - the new interactions, any order; each customer's must not be older than its saved state's `asOf`
 * @param previous - saved states by customer key (the keys `customerKey` gives; none = a new customer)
 * @param rules - default {@link defaultStageRules}; must be the rules the saved states were computed with
 * @throws {InputError} `JOURNEY.OUT_OF_ORDER` at `["interactions", i, "timestamp"]` for an interaction
 *   older than its customer's saved state (recompute that customer with {@link inferJourneyStages});
 *   `METRIC.INCONSISTENT` at `["previous", key, field]` for a state saved under other rules or of the
 *   wrong shape; rule errors as {@link inferJourneyStages}
 * @category Journey
 * @example
 * const day = 86_400_000;
 * const ev = (id: string, t: number, type: string) => ({ id, customer: { kind: "userId", value: "ana" }, timestamp: t * day, touchpoint: "web", channel: "web", type });
 * const first = advanceJourneyStages([ev("a", 0, "page_view"), ev("b", 1, "purchase")], new Map());
 * first.states.get("userId:ana")?.stage // => "conversion"
 * const next = advanceJourneyStages([ev("c", 5, "purchase")], first.states);
 * next.histories.get("userId:ana")?.transitions.map((t) => t.to) // => ["retention"]
 */
export function advanceJourneyStages(
  interactions: readonly Interaction[],
  previous: ReadonlyMap<string, JourneyStageState>,
  rules: StageRules = defaultStageRules,
  options: StageInferenceOptions = {},
): JourneyStageAdvance {
  const fn = "advanceJourneyStages";
  const R = compileStageRules(fn, rules);
  const rulesKey = fingerprint(rules);
  const g = groupInteractions(interactions, options.customerKey ?? customerKeyOf);
  // Customers with saved state but no new interaction get an empty block (lapses up to asOf still apply).
  const keys = [...g.keys];
  const known = new Set(keys);
  for (const key of previous.keys()) if (!known.has(key)) keys.push(key);
  const C = keys.length;
  const starts = new Int32Array(C + 1);
  starts.set(g.starts);
  starts.fill(g.starts[g.keys.length] as number, g.keys.length + 1);
  const nR = rules.rules.length;
  const nL = (rules.lapse ?? []).length;
  const resume = { stage: new Int8Array(C).fill(-1), since: new Float64Array(C).fill(Number.NaN), counts: new Int32Array(C * nR), lastAct: new Float64Array(C * nL).fill(Number.NEGATIVE_INFINITY) };
  const asOfIn = new Float64Array(C).fill(Number.NEGATIVE_INFINITY);
  keys.forEach((key, c) => {
    const state = previous.get(key);
    if (state === undefined) return;
    if (state.rules !== rulesKey) bad(key, "rules", `a state computed with these stage rules (fingerprint ${rulesKey})`, state.rules);
    const rank = state.stage === null ? -1 : rules.stages.indexOf(state.stage);
    if (state.stage !== null && rank < 0) bad(key, "stage", "a stage of the rules", state.stage);
    if ((state.stage === null) !== (state.since === null) || (state.since !== null && !Number.isFinite(state.since))) bad(key, "since", "a finite entry time exactly when there is a stage", state.since);
    if (state.counts.length !== nR || !state.counts.every((n) => Number.isInteger(n) && n >= 0)) bad(key, "counts", `${nR} non-negative integer counts`, state.counts);
    if (state.lastActivity.length !== nL || !state.lastActivity.every((t) => t === null || Number.isFinite(t))) bad(key, "lastActivity", `${nL} times or nulls`, state.lastActivity);
    if (!Number.isFinite(state.asOf)) bad(key, "asOf", "a finite time", state.asOf);
    resume.stage[c] = rank;
    resume.since[c] = state.since ?? Number.NaN;
    resume.counts.set(state.counts, c * nR);
    state.lastActivity.forEach((t, l) => (resume.lastAct[c * nL + l] = t ?? Number.NEGATIVE_INFINITY));
    asOfIn[c] = state.asOf;
    const first = g.starts[c];
    if (c < g.keys.length && first !== undefined && (g.ts[first] as number) < state.asOf) {
      const i = g.order[first] as number;
      throw new InputError(
        ErrorCodes.OUT_OF_ORDER,
        `${fn} requires interactions no older than the saved state (${new Date(state.asOf).toISOString()}) at interactions[${i}].timestamp, got ${describe(g.ts[first])}`,
        ["interactions", i, "timestamp"],
        g.ts[first],
      );
    }
  });
  const { ruleMask, actMask } = stageMasks(interactions, g, rules);
  const asOf = options.asOf ?? Number.NaN;
  const out = stageKernel(starts, g.ts, ruleMask, actMask, R, asOf, true, null, resume);
  const histories = stageHistories(out, keys, interactions, g.order, rules);
  const states = new Map<string, JourneyStageState>();
  keys.forEach((key, c) => {
    const s = out.stage[c] as number;
    const end = starts[c + 1] as number;
    const last = end > (starts[c] as number) ? (g.ts[end - 1] as number) : Number.NEGATIVE_INFINITY;
    const counts = out.counts as Int32Array;
    const lastAct = out.lastAct as Float64Array;
    states.set(key, {
      stage: s < 0 ? null : (rules.stages[s] as string),
      since: s < 0 ? null : (out.since[c] as number),
      counts: Array.from(counts.subarray(c * nR, (c + 1) * nR)),
      lastActivity: Array.from(lastAct.subarray(c * nL, (c + 1) * nL), (t) => (Number.isFinite(t) ? t : null)),
      asOf: Math.max(asOfIn[c] as number, last, Number.isFinite(asOf) ? asOf : Number.NEGATIVE_INFINITY),
      rules: rulesKey,
    });
  });
  return { histories, states };
}
