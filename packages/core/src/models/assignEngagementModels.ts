import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe, formatPath } from "../_internal/assert.js";
import type { AssignmentCustomer } from "./AssignmentCustomer.js";
import type { EngagementAssignment, EngagementAssignmentResult, ModelUsage } from "./EngagementAssignment.js";
import type { EngagementModel } from "./EngagementModel.js";
import type { EngagementStrategy, ModelCapacities } from "./EngagementStrategy.js";
import { firstDuplicate, stringHash } from "./_internal/firstDuplicate.js";
import { lazyArray } from "./_internal/lazyArray.js";
import { borrowScratch, returnScratch } from "./_internal/scratchBuffer.js";
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
  /** Cascade step each customer (input position) was seated at (= cascade length: spilled to the fallback). */
  readonly stepOf: Uint16Array;
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
 * The result is columns; `assignments` reads like an array (`Array.isArray`, length, indexing, iteration, the
 * Array methods, JSON) but builds each assignment object on the first read of its index and keeps it, so a
 * caller pays for the ones it reads (building all of a million costs about as much as the assignment itself:
 * V8 copies surviving class instances through the young generation). It is a Proxy: not structured-cloneable;
 * enumerating its keys builds every element. Reasons are built when read (a getter, also in `toJSON`; not
 * cached): formatting a million sentences eagerly would cost ten times the assignment. They read the
 * customers' values from the input array, which must not change afterwards. An empty customer list gives no
 * assignments (not an error).
 *
 * Complexity: O(n · rules) to match rules, one radix sort of the priorities (O(n)) with ties compared by id
 * only within runs of equal priority, two counting sorts, and per cascade step work proportional to the seats
 * it fills (plus, with hysteresis, one pass over that model's incumbents in the rule). Memory: 42 bytes of
 * working typed arrays per customer in one buffer reused by the next call (held weakly), 10 bytes per customer
 * kept by the result, plus ~90 bytes per assignment object read. Bench
 * `models.assign` (1M customers, 5 models) compares it with a plain `Float64Array.prototype.sort` of the same
 * keys, and reports apart what reading every assignment and every reason costs.
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

  const n = customers.length;
  // Working columns, carved from one buffer reused across calls (see scratchBuffer): 42 bytes per customer.
  // Only what the result keeps (rank, model, step and rule per customer: 10 bytes) is allocated per call.
  const buffer = borrowScratch(42 * n);
  try {
    return assign(customers, n, buffer, modelIndex, modelIds, versions, rules, fallback, capacity, hysteresis);
  } finally {
    returnScratch(buffer);
  }
}

/** The body of {@link assignEngagementModels} after the options are checked: customers, ranking, cascades, result. */
function assign(
  customers: readonly AssignmentCustomer[],
  n: number,
  buffer: ArrayBuffer,
  modelIndex: ReadonlyMap<string, number>,
  modelIds: readonly string[],
  versions: readonly number[],
  rules: readonly Rule[],
  fallback: number,
  capacity: Float64Array,
  hysteresis: number,
): EngagementAssignmentResult {
  const M = modelIds.length;
  const priority = new Float64Array(buffer, 0, n);
  const priorityByRank = new Float64Array(buffer, 8 * n, n);
  // Per customer, packed so that one read brings both: (rule + 1) << 16 | (previous model + 1), 0 = none.
  const tags = new Uint32Array(buffer, 16 * n, n);
  const work = new Uint32Array(buffer, 20 * n, 2 * n);
  const grouped = new Uint32Array(buffer, 28 * n, n);
  const byPreviousBuffer = new Uint32Array(buffer, 32 * n, n);
  const previousByRank = new Uint16Array(buffer, 36 * n, n);
  const stepByRank = new Uint16Array(buffer, 38 * n, n);
  const modelByRank = new Uint16Array(buffer, 40 * n, n);

  // Customers: validate, priority, rule, incumbency.
  let incumbents = 0;
  for (let i = 0; i < n; i++) {
    const c = customers[i] as AssignmentCustomer;
    const id: unknown = c?.id;
    if (typeof id !== "string") throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires a string id at customers[${i}].id, got ${describe(id)}`, ["customers", i, "id"], id);
    work[i] = stringHash(id); // for firstDuplicate, while the string is in cache
    const value = c.value;
    if (typeof value !== "number" || value !== value || value === Infinity) {
      throw new InputError(ErrorCodes.NOT_FINITE, `${FN} requires a finite value at customers[${i}].value, got ${describe(value)}`, ["customers", i, "value"], value);
    }
    if (value < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${FN} requires a value ≥ 0 at customers[${i}].value, got ${value}`, ["customers", i, "value"], value);
    const pAlive = c.pAlive;
    if (pAlive !== undefined) probability(pAlive, i, "pAlive");
    const risk = c.risk;
    if (risk !== undefined) probability(risk, i, "risk");
    priority[i] = valueAtRisk(value, pAlive, risk);
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

  // The ids are read from the input (validated above) rather than copied: a million-element array is old-generation
  // garbage that brings the next full GC, which marks the whole input, a call earlier.
  const idOf = (i: number): string => (customers[i] as AssignmentCustomer).id;
  const duplicate = firstDuplicate(n, idOf, work, true);
  if (duplicate !== null) {
    const [j, i] = duplicate;
    throw new InputError(ErrorCodes.DUPLICATE_ID, `${FN} requires unique customer ids, got ${describe(idOf(i))} at customers[${j}] and customers[${i}]`, ["customers", i, "id"], idOf(i));
  }

  // Rank: priority descending, ties by id.
  const order = orderByKeyDescending(priority, (a, b) => {
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }, work);

  // From here on customers are numbered by rank j (order[j] = input index, position[i] = rank): the lists below
  // are increasing in j, so their reads of the rank-ordered columns are sequential, not cache misses.
  const R = rules.length;
  const boost = 1 + hysteresis;
  const contested = hysteresis > 0 && incumbents > 0;
  // Counting sort of the customers by rule (g = rule + 1, 0 = no rule) and, when incumbency matters, also by
  // (rule, previous model) — bucket g · (M + 1) + previous + 1 — both stable, so every list below is in rank order.
  const Q = M + 1;
  const start = new Uint32Array(R + 2);
  const pairStart = new Uint32Array(contested ? (R + 1) * Q + 1 : 1);
  for (let i = 0; i < n; i++) {
    const tag = tags[i] as number;
    const g = (tag >>> 16) + 1;
    start[g] = (start[g] as number) + 1;
    if (contested) {
      const b = (g - 1) * Q + (tag & 0xffff) + 1;
      pairStart[b] = (pairStart[b] as number) + 1;
    }
  }
  for (let r = 0; r <= R; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
  for (let b = 1; b < pairStart.length; b++) pairStart[b] = (pairStart[b] as number) + (pairStart[b - 1] as number);
  // start[r + 1] is now where rule r begins (r = −1, the no-rule group, at 0); pairStart[g · Q + q] where pair (g, q) begins.
  const fill = start.slice();
  const pairFill = pairStart.slice();
  const byPrevious = byPreviousBuffer.subarray(0, contested ? n : 0);
  // Kept by the result, per customer: rank (from 0), then model, cascade step and rule + 1 (0 = none).
  const kept = new ArrayBuffer(10 * n);
  const position = new Uint32Array(kept, 0, n);
  const modelOf = new Uint16Array(kept, 4 * n, n);
  const stepOf = new Uint16Array(kept, 6 * n, n);
  const ruleOf = new Uint16Array(kept, 8 * n, n);
  // Rank-ordered columns: previous model + 1 (0 = none), priority, and the cascade step each rank is seated at.
  // The step starts at the rule's cascade length (= spilled to the fallback, not seated); seating lowers it.
  const spilled = Uint16Array.from({ length: R + 1 }, (_, g) => (g === 0 ? 0 : (rules[g - 1] as Rule).cascade.length));
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    position[i] = j;
    const tag = tags[i] as number;
    const q = tag & 0xffff;
    previousByRank[j] = q;
    priorityByRank[j] = priority[i] as number;
    const g = tag >>> 16;
    stepByRank[j] = spilled[g] as number;
    grouped[fill[g] as number] = j;
    fill[g] = (fill[g] as number) + 1;
    if (contested) {
      const b = g * Q + q;
      byPrevious[pairFill[b] as number] = j;
      pairFill[b] = (pairFill[b] as number) + 1;
    }
  }
  const idOfRank = (j: number): string => idOf(order[j] as number);
  const byIdOfRank = (a: number, b: number): number => {
    const x = idOfRank(a);
    const y = idOfRank(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

  // Each model fills from its rule's unseated customers, best effective priority first. Only the seated are touched:
  // `head` skips the seated prefix of the list, and the two cursors of a contested fill stop once the seats are
  // taken, so a step costs about its seats, not the rule's size (the rule's size is paid once, by the last unbounded model).
  modelByRank.fill(fallback);
  const used = new Float64Array(M);
  for (let r = 0; r < R; r++) {
    const rule = rules[r] as Rule;
    const list = grouped.subarray(start[r + 1] as number, start[r + 2] as number);
    const cascade = rule.cascade;
    const L = cascade.length;
    const length = list.length;
    let remaining = length;
    let head = 0;
    for (let k = 0; k < L && remaining > 0; k++) {
      const m = cascade[k] as number;
      const seats = Math.min((capacity[m] as number) - (used[m] as number), remaining);
      used[m] = (used[m] as number) + seats;
      const mine = contested && seats < remaining ? byPrevious.subarray(pairStart[(r + 1) * Q + m + 1] as number, pairStart[(r + 1) * Q + m + 2] as number) : undefined;
      remaining -= seats;
      if (mine === undefined || mine.length === 0) {
        // Rank order decides: the first `seats` unseated of the list.
        for (let x = head, taken = 0; taken < seats; x++) {
          const j = list[x] as number;
          if (stepByRank[j] !== L) continue;
          modelByRank[j] = m;
          stepByRank[j] = k;
          taken++;
        }
      } else {
        // The incumbents of m (priority × boost) against the others, ties by id. × boost is monotone but may round two
        // distinct priorities to one effective priority: order those runs of `mine` by id first.
        for (let s = 0, e = 1; e <= mine.length; e++) {
          if (e < mine.length && (priorityByRank[mine[e] as number] as number) * boost === (priorityByRank[mine[s] as number] as number) * boost) continue;
          if (e - s > 1) mine.subarray(s, e).sort(byIdOfRank);
          s = e;
        }
        let x = 0;
        let y = head;
        for (let s = 0; s < seats; s++) {
          while (x < mine.length && stepByRank[mine[x] as number] !== L) x++;
          while (y < length && (stepByRank[list[y] as number] !== L || previousByRank[list[y] as number] === m + 1)) y++;
          let j: number;
          if (x === mine.length) j = list[y++] as number;
          else if (y === length) j = mine[x++] as number;
          else {
            const u = mine[x] as number;
            const v = list[y] as number;
            const pu = (priorityByRank[u] as number) * boost;
            const pv = priorityByRank[v] as number;
            const first = pu > pv || (pu === pv && idOfRank(u) < idOfRank(v));
            if (first) x++;
            else y++;
            j = first ? u : v;
          }
          modelByRank[j] = m;
          stepByRank[j] = k;
        }
      }
      while (head < length && stepByRank[list[head] as number] !== L) head++;
    }
    // The unseated keep stepByRank = L and modelByRank = the fallback (unbounded).
    used[fallback] = (used[fallback] as number) + remaining;
  }
  used[fallback] = (used[fallback] as number) + ((start[1] as number) - (start[0] as number));
  const usage: Record<string, ModelUsage> = {};
  for (let k = 0; k < M; k++) usage[modelIds[k] as string] = { used: used[k] as number, capacity: capacity[k] === Infinity ? null : (capacity[k] as number) };
  // Back to input order, into the columns the result keeps (the working ones are reused by the next call).
  for (let i = 0; i < n; i++) {
    const j = position[i] as number;
    modelOf[i] = modelByRank[j] as number;
    stepOf[i] = stepByRank[j] as number;
    ruleOf[i] = (tags[i] as number) >>> 16;
  }
  const context: Explained = { customers, modelIds, rules, fallback, stepOf, used, capacity, hysteresis };
  // Built on first read of each index (then kept): the columns above are the result; a million objects made here
  // would cost more than everything before (see lazyArray). The priority is recomputed from the input, as above.
  const assignments = lazyArray(n, (i: number): Assignment => {
    const c = customers[i] as AssignmentCustomer;
    const m = modelOf[i] as number;
    const g = ruleOf[i] as number;
    return new Assignment(context, i, c.id, modelIds[m] as string, versions[m] as number, g === 0 ? null : g - 1, (position[i] as number) + 1, n, valueAtRisk(c.value, c.pAlive, c.risk));
  });
  return { assignments, usage };
}

/** value × risk, risk = `risk`, else 1 − `pAlive`, else 1; + 0 turns −0 into +0 for the radix order. */
function valueAtRisk(value: number, pAlive: number | undefined, risk: number | undefined): number {
  return value * (risk ?? (pAlive === undefined ? 1 : 1 - pAlive)) + 0;
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
  readonly #context: Explained;
  /** Input position. */
  readonly #index: number;
  constructor(
    context: Explained,
    index: number,
    readonly customer: string,
    readonly model: string,
    readonly version: number,
    readonly rule: number | null,
    readonly rank: number,
    readonly of: number,
    readonly priority: number,
  ) {
    this.#context = context;
    this.#index = index;
  }

  /** Built on each read, not kept: a million cached sentences would outweigh the assignments. */
  get reason(): string {
    return explain(this.#context, this, this.#index);
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

function explain(context: Explained, a: Assignment, i: number): string {
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
  const k = context.stepOf[i] as number;
  const target = k === rule.cascade.length ? `fallback ${a.model}` : a.model;
  if (k === 0) return `assigned to ${target} because ${ranked}, ${ruleText}, ${seatsOf(context, m)}${incumbent}`;
  const from = Array.from(rule.cascade.subarray(0, k), (s) => `${context.modelIds[s] as string} (${seatsOf(context, s)})`);
  const list = from.length === 1 ? (from[0] as string) : `${from.slice(0, -1).join(", ")} and ${from[from.length - 1] as string}`;
  return `spilled from ${list} to ${target} because ${ranked}, ${ruleText}, ${seatsOf(context, m)}${incumbent}`;
}
