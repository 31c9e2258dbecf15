import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe, formatPath } from "../_internal/assert.js";
import type { AssignmentCustomer } from "./AssignmentCustomer.js";
import type { EngagementAssignment, EngagementAssignmentResult, ModelUsage } from "./EngagementAssignment.js";
import type { EngagementModel } from "./EngagementModel.js";
import type { EngagementStrategy, ModelCapacities } from "./EngagementStrategy.js";
import { firstDuplicate } from "./_internal/firstDuplicate.js";
import { orderByKeyDescending } from "./_internal/orderByKeyDescending.js";

const FN = "assignEngagementModels";

/** Options of {@link assignEngagementModels}. */
export interface AssignEngagementModelsOptions {
  /** The models the strategy names, each once (its current version); ids must be unique. */
  readonly models: readonly EngagementModel[];
  /** Seats per model id (a non-negative integer); a model without an entry is unbounded. The fallback takes none. */
  readonly capacities?: ModelCapacities;
  /**
   * Incumbency bonus h ≥ 0, default 0.1: while a model's seats are filled, a
   * customer whose `previous.model` is that model competes with priority × (1 + h).
   */
  readonly hysteresis?: number;
}

interface Rule {
  readonly segment: string;
  readonly all: boolean;
  readonly journeyStage: string | undefined;
  readonly ladderTier: string | undefined;
  /** Model indices of the cascade. */
  readonly cascade: Int32Array;
}

/** Everything the lazy reasons need, shared by every assignment of one call. */
interface Explained {
  readonly customers: readonly AssignmentCustomer[];
  readonly modelIds: readonly string[];
  readonly rules: readonly Rule[];
  readonly fallback: number;
  /** Input position of each rank (from 0). */
  readonly order: Uint32Array;
  /** Cascade step each rank was seated at (= cascade length: spilled to the fallback). */
  readonly stepByRank: Uint16Array;
  readonly used: Float64Array;
  readonly capacity: Float64Array;
  readonly hysteresis: number;
}

/**
 * Assigns every customer to exactly one engagement model: the hybrid model's
 * rules made mechanical, with capacities and stability.
 *
 * Definition:
 * 1. Priority = expected value at risk = value × risk, with risk = `risk`, or
 *    1 − `pAlive`, or 1 when neither is given. Customers are ranked by
 *    priority, largest first, ties by id (code-unit order), so the ranking —
 *    and everything below — is deterministic and independent of input order.
 * 2. A customer is taken by the first rule whose segment they are in (`"*"` =
 *    everyone) and whose `journeyStage` / `ladderTier`, when the rule names
 *    one, equal the customer's. Nobody else is taken by a rule.
 * 3. Rules are served in order; inside a rule, its customers fill its models in
 *    cascade order. A model with capacity c takes the c best remaining
 *    customers of the rule by effective priority; the rest spill to the next
 *    model of the cascade, and past the last one to the strategy's fallback
 *    (unbounded). Capacity is shared across rules: a model's seats are
 *    consumed in rule order, then rank order, so a model named by rules 1 and
 *    3 gives rule 3 only the seats rule 1 left.
 * 4. Hysteresis: while model m is filled, an incumbent of m (`previous.model`
 *    = m) competes with effective priority × (1 + h); everyone else with
 *    their priority. Consequence (a law, tested): when every customer keeps
 *    their previous model as the result of the same assignment, capacities are
 *    unchanged and each priority moves by a factor strictly between
 *    1/√(1 + h) and √(1 + h), nobody moves. `previous.version` does not
 *    matter: incumbency is per model, whatever its version. A previous model
 *    not among `options.models` (retired) gives no bonus.
 * 5. Every customer ends with exactly one model; no model's capacity is
 *    exceeded. `usage` reports seats used per model.
 *
 * Source: the hybrid engagement model of customer-success practice (the
 * high-touch CSM book for the most valuable accounts, automated retention and
 * low touch for the long tail), with customers ordered by expected value at
 * risk — predicted CLV × P(churn), as in Fader & Hardie's customer-base
 * analysis (P(alive) from BG/NBD) — and hysteresis as in control systems, so
 * that small changes in the scores do not reshuffle every book of business.
 *
 * Laws (fast-check): capacity never exceeded; one model per customer; a
 * customer with strictly higher value and risk than another taken by the same
 * rule (and neither an incumbent) gets a model at the same or an earlier
 * place in that rule's cascade, the fallback last — so higher or equal touch
 * when the cascade is ordered by touch level; the same result for any
 * permutation of the input; stability under hysteresis as in 4.
 *
 * Reasons are built when read (a getter, also in `toJSON`; not cached): formatting
 * a million sentences eagerly would cost several times the assignment itself.
 * They read the customers' values from the input array, which must not change
 * afterwards. An empty customer list gives no assignments (not an error).
 *
 * Complexity: O(n · (rules + cascade length)) plus one radix sort of the
 * priorities (O(n)); ties are compared by id only within runs of equal
 * priority. Memory: about 60 bytes of typed arrays per customer while it runs,
 * plus the result (one object per customer, ~90 bytes). Bench `models.assign`
 * (1M customers, 5 models) compares it with a plain `Float64Array.prototype.sort`
 * of the same keys; allocating the million result objects alone costs about
 * twice that sort (see the bench's control rows).
 *
 * @param customers - the customers to place (ids unique)
 * @param strategy - rules and fallback (see {@link EngagementStrategy})
 * @param options - the models named, capacities, hysteresis
 * @throws {InputError} `MODEL.UNKNOWN_REFERENCE` for a strategy or capacity naming a model not in `options.models`
 *   (path `["strategy", "rules", r, "models", k]`, `["strategy", "fallback"]` or `["capacities", id]`);
 *   `MODEL.INVALID` for a negative, non-integer or non-finite capacity, a capacity on the fallback (path `["capacities", id]`),
 *   a malformed rule or model list, or two models with one id (`["models", i, "id"]`);
 *   `METRIC.INVALID_OPTION` for a hysteresis that is not finite and ≥ 0;
 *   `METRIC.NOT_FINITE` / `METRIC.OUT_OF_RANGE` for a value that is NaN or negative, a pAlive or risk outside [0, 1]
 *   (path `["customers", i, "value"]`, `"pAlive"`, `"risk"`); `JOURNEY.INVALID_FIELD` for an id that is not a string or
 *   segments that are not an array; `JOURNEY.DUPLICATE_ID` for a repeated customer id (path `["customers", i, "id"]`, the second one)
 * @category Engagement models
 * @example
 * // csm and lowTouch: two EngagementModel values (e.g. from engagementModelCatalog) with ids "csm" and "low_touch"
 * const { assignments, usage } = assignEngagementModels(
 *   [
 *     { id: "a", value: 1000, pAlive: 0.4, segments: [] },
 *     { id: "b", value: 800, pAlive: 0.9, segments: [] },
 *     { id: "c", value: 50, segments: [] },
 *   ],
 *   { rules: [{ segment: "*", models: ["csm"] }], fallback: "low_touch" },
 *   { models: [csm, lowTouch], capacities: { csm: 1 } },
 * );
 * assignments.map((a) => a.model) // => ["csm", "low_touch", "low_touch"]  (priorities 600, 80, 50)
 * assignments[0].reason // => "assigned to csm because value-at-risk rank 1 of 3 (value 1,000, P(alive) 0.4), rule 1 (segment *), capacity 1/1 used"
 * usage.csm // => { used: 1, capacity: 1 }
 */
export function assignEngagementModels(
  customers: readonly AssignmentCustomer[],
  strategy: EngagementStrategy,
  options: AssignEngagementModelsOptions,
): EngagementAssignmentResult {
  if (!Array.isArray(customers)) throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires an array of customers, got ${describe(customers)}`, ["customers"], customers);
  if (typeof options !== "object" || options === null) throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires options with models`, ["options"], options);

  // Models, by index.
  const models = options.models;
  if (!Array.isArray(models)) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires options.models to be an array of engagement models`, ["models"], models);
  const modelIndex = new Map<string, number>();
  const modelIds: string[] = [];
  const versions: number[] = [];
  models.forEach((model: EngagementModel, i: number) => {
    const id: unknown = model?.id;
    if (typeof id !== "string") throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a string model id at models[${i}].id, got ${describe(id)}`, ["models", i, "id"], id);
    if (modelIndex.has(id)) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires each model once, got ${describe(id)} twice`, ["models", i, "id"], id);
    const version: unknown = model.version;
    if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a positive integer version at models[${i}].version, got ${describe(version)}`, ["models", i, "version"], version);
    }
    modelIndex.set(id, i);
    modelIds.push(id);
    versions.push(version);
  });
  const known = (id: unknown, path: readonly (string | number)[]): number => {
    const k = typeof id === "string" ? modelIndex.get(id) : undefined;
    if (k === undefined) throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires a model of options.models at ${formatPath(path)}, got ${describe(id)}`, path, id);
    return k;
  };

  // Strategy.
  if (typeof strategy !== "object" || strategy === null || !Array.isArray(strategy.rules)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a strategy with an array of rules`, ["strategy", "rules"], strategy);
  }
  const rules: Rule[] = strategy.rules.map((rule, r): Rule => {
    const path = ["strategy", "rules", r];
    if (typeof rule !== "object" || rule === null) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a rule object at ${formatPath(path)}`, path, rule);
    if (typeof rule.segment !== "string") {
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a string segment at ${formatPath([...path, "segment"])}, got ${describe(rule.segment)}`, [...path, "segment"], rule.segment);
    }
    for (const field of ["journeyStage", "ladderTier"] as const) {
      const v: unknown = rule[field];
      if (v !== undefined && typeof v !== "string") throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a string ${field} at ${formatPath(path)}, got ${describe(v)}`, [...path, field], v);
    }
    if (!Array.isArray(rule.models)) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires an array of model ids at ${formatPath([...path, "models"])}`, [...path, "models"], rule.models);
    const cascade = Int32Array.from(rule.models, (id, k) => known(id, [...path, "models", k]));
    return { segment: rule.segment, all: rule.segment === "*", journeyStage: rule.journeyStage, ladderTier: rule.ladderTier, cascade };
  });
  const fallback = known(strategy.fallback, ["strategy", "fallback"]);
  // Rule, model and cascade-step numbers are packed in 16 bits below.
  if (rules.length > 0xfffe || modelIds.length > 0xfffe || rules.some((r) => r.cascade.length > 0xfffe)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires at most 65,534 rules, models and models per rule`, ["strategy"], rules.length);
  }

  // Capacities.
  const M = modelIds.length;
  const capacity = new Float64Array(M).fill(Infinity);
  const capacities = options.capacities ?? {};
  if (typeof capacities !== "object" || capacities === null) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires capacities as an object of model id → seats`, ["capacities"], capacities);
  for (const [id, seats] of Object.entries(capacities)) {
    const k = known(id, ["capacities", id]);
    if (typeof seats !== "number" || !Number.isInteger(seats) || seats < 0) {
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a non-negative integer capacity at capacities.${id}, got ${describe(seats)}`, ["capacities", id], seats);
    }
    if (k === fallback) throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires no capacity for the fallback ${describe(id)}, which is unbounded`, ["capacities", id], seats);
    capacity[k] = seats;
  }
  const hysteresis = options.hysteresis ?? 0.1;
  if (typeof hysteresis !== "number" || !Number.isFinite(hysteresis) || hysteresis < 0) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires a finite hysteresis ≥ 0, got ${describe(hysteresis)}`, ["options", "hysteresis"], hysteresis);
  }

  // Customers: validate, priority, rule, incumbency.
  const n = customers.length;
  const priority = new Float64Array(n);
  // Per customer, packed so that one read brings both: (rule + 1) << 16 | (previous model + 1), 0 = none.
  const tags = new Uint32Array(n);
  const ids: string[] = new Array<string>(n);
  let incumbents = 0;
  for (let i = 0; i < n; i++) {
    const c = customers[i] as AssignmentCustomer;
    const id: unknown = c?.id;
    if (typeof id !== "string") throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires a string id at customers[${i}].id, got ${describe(id)}`, ["customers", i, "id"], id);
    ids[i] = id;
    const value = c.value;
    if (typeof value !== "number" || value !== value || value === Infinity) {
      throw new InputError(ErrorCodes.NOT_FINITE, `${FN} requires a finite value at customers[${i}].value, got ${describe(value)}`, ["customers", i, "value"], value);
    }
    if (value < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${FN} requires a value ≥ 0 at customers[${i}].value, got ${value}`, ["customers", i, "value"], value);
    let risk = 1;
    const pAlive = c.pAlive;
    if (pAlive !== undefined) risk = 1 - probability(pAlive, i, "pAlive");
    if (c.risk !== undefined) risk = probability(c.risk, i, "risk");
    priority[i] = value * risk + 0; // + 0 turns −0 into +0 for the radix order
    const segments = c.segments;
    if (!Array.isArray(segments)) throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires an array of segments at customers[${i}].segments, got ${describe(segments)}`, ["customers", i, "segments"], segments);
    let taken = -1;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as Rule;
      if (!rule.all && !segments.includes(rule.segment)) continue;
      if (rule.journeyStage !== undefined && c.journeyStage !== rule.journeyStage) continue;
      if (rule.ladderTier !== undefined && c.ladderTier !== rule.ladderTier) continue;
      taken = r;
      break;
    }
    const previous = c.previous?.model;
    const p = previous === undefined ? undefined : modelIndex.get(previous);
    tags[i] = ((taken + 1) << 16) | (p === undefined ? 0 : p + 1);
    if (p !== undefined) incumbents++;
  }

  const duplicate = firstDuplicate(ids);
  if (duplicate !== null) {
    const [j, i] = duplicate;
    throw new InputError(ErrorCodes.DUPLICATE_ID, `${FN} requires unique customer ids, got ${describe(ids[i])} at customers[${j}] and customers[${i}]`, ["customers", i, "id"], ids[i]);
  }

  // Rank: priority descending, ties by id.
  const order = orderByKeyDescending(priority, (a, b) => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });

  // From here on customers are numbered by rank j (order[j] = input index, position[i] = rank): the lists below
  // are increasing in j, so their reads of the rank-ordered columns are sequential, not cache misses.
  const R = rules.length;
  const start = new Uint32Array(R + 2);
  for (let i = 0; i < n; i++) {
    const g = ((tags[i] as number) >>> 16) + 1;
    start[g] = (start[g] as number) + 1;
  }
  for (let r = 0; r <= R; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
  // start[r + 1] is now where rule r begins (r = −1, the no-rule group, at 0): a stable counting sort by rule.
  const fill = start.slice();
  const grouped = new Uint32Array(n);
  const position = new Uint32Array(n);
  // Previous model + 1 by rank (0 = none).
  const previousByRank = new Uint16Array(n);
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    position[i] = j;
    const tag = tags[i] as number;
    previousByRank[j] = tag & 0xffff;
    const g = tag >>> 16;
    grouped[fill[g] as number] = j;
    fill[g] = (fill[g] as number) + 1;
  }
  const idOfRank = (j: number): string => ids[order[j] as number] as string;
  const priorityOfRank = (j: number): number => priority[order[j] as number] as number;
  const byIdOfRank = (a: number, b: number): number => {
    const x = idOfRank(a);
    const y = idOfRank(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

  const modelByRank = new Uint16Array(n).fill(fallback);
  const stepByRank = new Uint16Array(n);
  const used = new Float64Array(M);
  const boost = 1 + hysteresis;
  const contested = hysteresis > 0 && incumbents > 0;
  let mineBuffer: Uint32Array | undefined;
  let othersBuffer: Uint32Array | undefined;
  for (let r = 0; r < R; r++) {
    const rule = rules[r] as Rule;
    let list = grouped.subarray(start[r + 1] as number, start[r + 2] as number);
    const cascade = rule.cascade;
    for (let k = 0; k < cascade.length && list.length > 0; k++) {
      const m = cascade[k] as number;
      const seats = Math.min((capacity[m] as number) - (used[m] as number), list.length);
      used[m] = (used[m] as number) + seats;
      // Split the list into incumbents of m and the others, each still in rank order.
      let a = 0;
      let b = 0;
      if (contested && seats < list.length) {
        mineBuffer ??= new Uint32Array(n);
        othersBuffer ??= new Uint32Array(n);
        for (let x = 0; x < list.length; x++) {
          const j = list[x] as number;
          if (previousByRank[j] === m + 1) mineBuffer[a++] = j;
          else othersBuffer[b++] = j;
        }
      }
      if (a === 0 || mineBuffer === undefined || othersBuffer === undefined) {
        // Rank order decides: the first `seats` of the list are seated.
        for (let x = 0; x < seats; x++) {
          const j = list[x] as number;
          modelByRank[j] = m;
          stepByRank[j] = k;
        }
        list = list.subarray(seats);
        continue;
      }
      // × boost is monotone but may round two distinct priorities to one effective priority: order those by id.
      for (let s = 0, e = 1; e <= a; e++) {
        if (e < a && priorityOfRank(mineBuffer[e] as number) * boost === priorityOfRank(mineBuffer[s] as number) * boost) continue;
        if (e - s > 1) mineBuffer.subarray(s, e).sort(byIdOfRank);
        s = e;
      }
      // Merge incumbents (priority × boost) and the others by effective priority, ties by id, for the seats.
      let x = 0;
      let y = 0;
      for (let s = 0; s < seats; s++) {
        let j: number;
        if (x === a) j = othersBuffer[y++] as number;
        else if (y === b) j = mineBuffer[x++] as number;
        else {
          const u = mineBuffer[x] as number;
          const v = othersBuffer[y] as number;
          const pu = priorityOfRank(u) * boost;
          const pv = priorityOfRank(v);
          const first = pu > pv || (pu === pv && idOfRank(u) < idOfRank(v));
          if (first) x++;
          else y++;
          j = first ? u : v;
        }
        modelByRank[j] = m;
        stepByRank[j] = k;
      }
      // The unseated stay in rank order, compacted in place (m is not the fallback: that one has no capacity,
      // so it takes every customer and never comes here; an unseated customer still has the fallback).
      let w = 0;
      for (let z = 0; z < list.length; z++) {
        const j = list[z] as number;
        if (modelByRank[j] !== m) list[w++] = j;
      }
      list = list.subarray(0, w);
    }
    for (let x = 0; x < list.length; x++) stepByRank[list[x] as number] = cascade.length;
    used[fallback] = (used[fallback] as number) + list.length;
  }
  used[fallback] = (used[fallback] as number) + ((start[1] as number) - (start[0] as number));

  const usage: Record<string, ModelUsage> = {};
  for (let k = 0; k < M; k++) usage[modelIds[k] as string] = { used: used[k] as number, capacity: capacity[k] === Infinity ? null : (capacity[k] as number) };
  const context: Explained = { customers, modelIds, rules, fallback, order, stepByRank, used, capacity, hysteresis };
  const assignments: Assignment[] = new Array<Assignment>(n);
  for (let i = 0; i < n; i++) {
    const j = position[i] as number;
    const m = modelByRank[j] as number;
    const r = ((tags[i] as number) >>> 16) - 1;
    assignments[i] = new Assignment(context, ids[i] as string, modelIds[m] as string, versions[m] as number, r < 0 ? null : r, j + 1, n, priority[i] as number);
  }
  return { assignments, usage };
}

function probability(p: unknown, i: number, field: "pAlive" | "risk"): number {
  if (typeof p !== "number" || !Number.isFinite(p)) {
    throw new InputError(ErrorCodes.NOT_FINITE, `${FN} requires a finite ${field} at customers[${i}].${field}, got ${describe(p)}`, ["customers", i, field], p);
  }
  if (p < 0 || p > 1) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${FN} requires ${field} in [0, 1] at customers[${i}].${field}, got ${p}`, ["customers", i, field], p);
  return p;
}

/** One assignment; `reason` is written when read (see {@link assignEngagementModels}). */
class Assignment implements EngagementAssignment {
  // The input position is not kept: it is order[rank − 1], which saves a field on a million objects.
  readonly #context: Explained;
  constructor(
    context: Explained,
    readonly customer: string,
    readonly model: string,
    readonly version: number,
    readonly rule: number | null,
    readonly rank: number,
    readonly of: number,
    readonly priority: number,
  ) {
    this.#context = context;
  }

  /** Built on each read, not kept: a million cached sentences would outweigh the assignments. */
  get reason(): string {
    return explain(this.#context, this);
  }

  toJSON(): EngagementAssignment {
    const { customer, model, version, rule, rank, of, priority, reason } = this;
    return { customer, model, version, rule, rank, of, priority, reason };
  }
}

/** `1,234.5`: grouped thousands, at most two decimals (trailing zeros dropped); tiny values with two significant digits. */
function amount(v: number): string {
  if (v !== 0 && Math.abs(v) < 0.01) return v.toPrecision(2);
  if (!(Math.abs(v) < 1e21)) return String(v);
  const fixed = v.toFixed(2);
  const dot = fixed.length - 3;
  let fraction = fixed.slice(dot + 1);
  if (fraction.endsWith("0")) fraction = fraction.endsWith("00") ? "" : fraction.slice(0, 1);
  return grouped(fixed.slice(0, dot)) + (fraction === "" ? "" : `.${fraction}`);
}

/** Inserts a comma every three digits of an integer's decimal digits (`-1234567` → `-1,234,567`). */
function grouped(digits: string): string {
  const sign = digits.startsWith("-") ? "-" : "";
  const d = sign === "" ? digits : digits.slice(1);
  let out = d.slice(0, ((d.length - 1) % 3) + 1);
  for (let k = out.length; k < d.length; k += 3) out += `,${d.slice(k, k + 3)}`;
  return sign + out;
}

const count = (v: number): string => grouped(String(v));

function seatsOf(context: Explained, m: number): string {
  const c = context.capacity[m] as number;
  const u = context.used[m] as number;
  return c === Infinity ? `no capacity limit (${count(u)} used)` : `capacity ${count(u)}/${count(c)} used`;
}

function explain(context: Explained, a: Assignment): string {
  const i = context.order[a.rank - 1] as number;
  const c = context.customers[i] as AssignmentCustomer;
  const facts = [`value ${amount(c.value)}`];
  if (c.pAlive !== undefined) facts.push(`P(alive) ${amount(c.pAlive)}`);
  if (c.risk !== undefined) facts.push(`risk ${amount(c.risk)}`);
  if (c.pAlive === undefined && c.risk === undefined) facts.push("risk 1 (none given)");
  const ranked = `value-at-risk rank ${count(a.rank)} of ${count(a.of)} (${facts.join(", ")})`;
  const m = context.modelIds.indexOf(a.model);
  const incumbent = context.hysteresis > 0 && c.previous?.model === a.model ? `, incumbent (priority × ${amount(1 + context.hysteresis)} while ${a.model} was filled)` : "";
  if (a.rule === null) {
    const segments = c.segments.length === 0 ? "no segments" : `segments ${c.segments.join(", ")}`;
    return `assigned to fallback ${a.model} because no rule matched (${segments}), ${ranked}`;
  }
  const rule = context.rules[a.rule] as Rule;
  const narrowing = [`segment ${rule.segment}`];
  if (rule.journeyStage !== undefined) narrowing.push(`journey stage ${rule.journeyStage}`);
  if (rule.ladderTier !== undefined) narrowing.push(`ladder tier ${rule.ladderTier}`);
  const ruleText = `rule ${a.rule + 1} (${narrowing.join(", ")})`;
  const k = context.stepByRank[a.rank - 1] as number;
  const target = k === rule.cascade.length ? `fallback ${a.model}` : a.model;
  if (k === 0) return `assigned to ${target} because ${ranked}, ${ruleText}, ${seatsOf(context, m)}${incumbent}`;
  const from = Array.from(rule.cascade.subarray(0, k), (s) => `${context.modelIds[s] as string} (${seatsOf(context, s)})`);
  const list = from.length === 1 ? (from[0] as string) : `${from.slice(0, -1).join(", ")} and ${from[from.length - 1] as string}`;
  return `spilled from ${list} to ${target} because ${ranked}, ${ruleText}, ${seatsOf(context, m)}${incumbent}`;
}
