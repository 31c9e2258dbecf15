import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import { fingerprint } from "../_internal/fingerprint.js";
import type { CustomerStageHistory, StageTransition } from "./CustomerStageHistory.js";
import { defaultStageRules } from "./defaultStageRules.js";
import type { JourneyStageState } from "./JourneyStageState.js";
import type { StageRules } from "./StageRules.js";
import { compileStageRules, type CompiledStageRules } from "./_internal/compileStageRules.js";

const compiled = new WeakMap<StageRules, { R: CompiledStageRules; key: string }>();

/**
 * The stage of each saved {@link JourneyStageState} as of `asOf`, with no new
 * interactions: only the lapse rules can move it. The same stages, entry
 * times and (lapse) transitions as `advanceJourneyStages([], states, rules,
 * { asOf })` (tested), without grouping interactions or building the
 * kernel's arrays, and without returning new states: for refreshing a
 * stage "as of now" on every ingestion batch.
 *
 * Complexity: O(customers · lapse rules²).
 *
 * @param states - saved states by customer key
 * @param asOf - epoch ms; lapses that fell due before it apply
 * @param rules - the rules the states were computed with (default {@link defaultStageRules})
 * @throws {InputError} `METRIC.INCONSISTENT` at `["states", key, field]` for a state saved under other rules or with a stage the rules lack
 * @category Journey
 * @example
 * const day = 86_400_000;
 * const ev = { id: "a", customer: { kind: "userId" as const, value: "ana" }, timestamp: 0, touchpoint: "web", channel: "web", type: "purchase" };
 * const saved = advanceJourneyStages([ev, { ...ev, id: "b", timestamp: day }], new Map()).states;
 * journeyStagesAt(saved, 400 * day).get("userId:ana")?.transitions.map((t) => t.kind) // => ["demotion"]
 */
export function journeyStagesAt(states: ReadonlyMap<string, JourneyStageState>, asOf: number, rules: StageRules = defaultStageRules): Map<string, CustomerStageHistory> {
  let c = compiled.get(rules);
  if (!c) compiled.set(rules, (c = { R: compileStageRules("journeyStagesAt", rules), key: fingerprint(rules) }));
  const { R, key: rulesKey } = c;
  const lapse = rules.lapse ?? [];
  const nL = lapse.length;
  const out = new Map<string, CustomerStageHistory>();
  for (const [key, state] of states) {
    const bad = (field: string, rule: string, value: unknown): never => {
      throw new InputError(ErrorCodes.INCONSISTENT, `journeyStagesAt requires ${rule} at states[${JSON.stringify(key)}].${field}, got ${describe(value)}`, ["states", key, field], value);
    };
    if (state.rules !== rulesKey) bad("rules", `a state computed with these stage rules (fingerprint ${rulesKey})`, state.rules);
    let cur = state.stage === null ? -1 : rules.stages.indexOf(state.stage);
    if (state.stage !== null && cur < 0) bad("stage", "a stage of the rules", state.stage);
    let since = state.since ?? Number.NaN;
    const transitions: StageTransition[] = [];
    if (nL > 0 && cur >= 0 && Number.isFinite(asOf)) {
      // The kernel's lapse loop: at most one lapse per rule, each at its own moment.
      for (let guard = 0; guard <= nL; guard++) {
        let fired = false;
        for (let l = 0; l < nL; l++) {
          if ((((R.lapseFrom[l] as number) >>> (cur + 1)) & 1) === 0) continue;
          const la = state.lastActivity[l] ?? Number.NEGATIVE_INFINITY;
          const at = (la > since ? la : since) + (R.lapseAfter[l] as number);
          if (asOf > at) {
            const to = R.lapseTo[l] as number;
            transitions.push({ from: rules.stages[cur] as string, to: rules.stages[to] as string, at, kind: to > cur ? "promotion" : "demotion", reason: (lapse[l] as { reason: string }).reason });
            cur = to;
            since = at;
            fired = true;
            break;
          }
        }
        if (!fired) break;
      }
    }
    out.set(key, { customer: key, stage: cur < 0 ? null : (rules.stages[cur] as string), since: cur < 0 ? null : since, transitions });
  }
  return out;
}
