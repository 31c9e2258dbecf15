import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import type { EngagementModel } from "./EngagementModel.js";
import type { EngagementStrategy, ModelCapacities, StrategyRule } from "./EngagementStrategy.js";

/** What {@link validateEngagementStrategy} checks references against. */
export interface EngagementStrategyContext {
  /** The models rules may name (by id). */
  readonly models: readonly EngagementModel[];
  /** The segment keys rules may name (`"*"` is always allowed). */
  readonly segments: readonly string[];
  /** Optional: the members (customer ids) of each segment, to find rules that earlier rules leave empty. */
  readonly members?: ReadonlyMap<string, ReadonlySet<string>>;
}

const LADDER_TIERS = ["passive", "active", "advocate"];

/**
 * Checks an engagement strategy (typically parsed JSON) against the workspace's
 * models and segments and returns it as a clean {@link EngagementStrategy};
 * throws at the first problem, with its path.
 *
 * Shape (`MODEL.INVALID`): an object with `rules` (an array) and `fallback`
 * (a model id); each rule has a non-empty `segment`, a non-empty `models`
 * list of ids, optionally `journeyStage` (a non-empty string; the context
 * has no stage list, so it is not checked against one) and
 * `ladderTier` (`passive`, `active` or `advocate`, the tiers of the
 * engagement ladder).
 *
 * References (`MODEL.UNKNOWN_REFERENCE`): a segment not in `segments` (and not
 * `"*"`) at `["rules", i, "segment"]`; a model not in `models` at
 * `["rules", i, "models", j]` or `["fallback"]`.
 *
 * Unreachable rules (`MODEL.UNREACHABLE_RULE` at `["rules", i]`): customers are
 * taken by the first rule they match, so rule i can take nobody when an
 * earlier rule j *covers* it — j's segment is `"*"` or rule i's segment, and
 * j's journey stage and ladder tier are each absent or equal to rule i's
 * (this includes an earlier un-narrowed `"*"` and an earlier rule with the
 * same segment and narrowing). With `members`, rule i (not `"*"`) is also
 * unreachable when its segment has members and every one of them is in the
 * segment of an earlier un-narrowed rule (a segment absent from `members` is
 * not judged this way).
 *
 * Overlaps (`MODEL.OVERLAP`), where order does not say what happens:
 * - the same model twice in one rule's cascade, at the second occurrence
 *   `["rules", i, "models", j]` — customers spilling from it would land on it again;
 * - the fallback inside a cascade before other models, at its position
 *   `["rules", i, "models", j]`: the fallback has unbounded capacity, so either
 *   nobody spills past it (the models after it are dead) or, if it were bounded
 *   in the cascade, whoever spills past it would come back to it as the
 *   fallback. As the last model of a cascade it is allowed (spilling to the
 *   fallback is what happens anyway).
 * Overlaps between segments are not errors: the first matching rule wins, as
 * the strategy's doc says.
 *
 * @throws {InputError} `MODEL.INVALID`, `MODEL.UNKNOWN_REFERENCE`, `MODEL.UNREACHABLE_RULE`, `MODEL.OVERLAP` with a path
 * @category Models
 * @example
 * const ctx = { models: engagementModelCatalog, segments: ["vip", "mass"] };
 * validateEngagementStrategy({ rules: [{ segment: "vip", models: ["csm", "hybrid"] }], fallback: "low_touch" }, ctx).fallback // => "low_touch"
 * try { validateEngagementStrategy({ rules: [{ segment: "gold", models: ["csm"] }], fallback: "low_touch" }, ctx) }
 * catch (e) { [e.code, e.path] } // => ["MODEL.UNKNOWN_REFERENCE", ["rules", 0, "segment"]]
 */
export function validateEngagementStrategy(input: unknown, context: EngagementStrategyContext): EngagementStrategy {
  const FN = "validateEngagementStrategy";
  const fail = (code: string, what: string, path: InputPath, value: unknown): never => {
    throw new InputError(code, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(value)}`, path, value);
  };
  const modelIds = new Set(context.models.map((m) => m.id));
  const segments = new Set(context.segments);

  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail(ErrorCodes.MODEL_INVALID, "a strategy object", [], input);
  const s = input as Record<string, unknown>;
  for (const key of Object.keys(s)) if (key !== "rules" && key !== "fallback") fail(ErrorCodes.MODEL_INVALID, "only the fields rules, fallback", [key], key);
  if (typeof s["fallback"] !== "string" || s["fallback"] === "") fail(ErrorCodes.MODEL_INVALID, "a fallback model id", ["fallback"], s["fallback"]);
  const fallback = s["fallback"] as string;
  if (!Array.isArray(s["rules"])) fail(ErrorCodes.MODEL_INVALID, "an array of rules", ["rules"], s["rules"]);
  const rawRules = s["rules"] as readonly unknown[];

  const rules: StrategyRule[] = rawRules.map((raw, i) => {
    const p: InputPath = ["rules", i];
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail(ErrorCodes.MODEL_INVALID, "a rule object", p, raw);
    const r = raw as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!["segment", "models", "journeyStage", "ladderTier"].includes(key)) fail(ErrorCodes.MODEL_INVALID, "only the fields segment, models, journeyStage, ladderTier", [...p, key], key);
    const segment = r["segment"];
    if (typeof segment !== "string" || segment === "") return fail(ErrorCodes.MODEL_INVALID, "a segment key", [...p, "segment"], segment);
    if (segment !== "*" && !segments.has(segment)) fail(ErrorCodes.MODEL_UNKNOWN_REFERENCE, "a known segment", [...p, "segment"], segment);
    const models = r["models"];
    if (!Array.isArray(models) || models.length === 0) return fail(ErrorCodes.MODEL_INVALID, "a non-empty array of model ids", [...p, "models"], models);
    const ids: string[] = models.map((m: unknown, j) => {
      if (typeof m !== "string" || m === "") return fail(ErrorCodes.MODEL_INVALID, "a model id", [...p, "models", j], m);
      if (!modelIds.has(m)) fail(ErrorCodes.MODEL_UNKNOWN_REFERENCE, "a known model", [...p, "models", j], m);
      return m;
    });
    const rule: { segment: string; models: string[]; journeyStage?: string; ladderTier?: string } = { segment, models: ids };
    if (r["journeyStage"] !== undefined) {
      if (typeof r["journeyStage"] !== "string" || r["journeyStage"] === "") fail(ErrorCodes.MODEL_INVALID, "a journey stage id", [...p, "journeyStage"], r["journeyStage"]);
      rule.journeyStage = r["journeyStage"] as string;
    }
    if (r["ladderTier"] !== undefined) {
      if (typeof r["ladderTier"] !== "string" || !LADDER_TIERS.includes(r["ladderTier"])) fail(ErrorCodes.MODEL_INVALID, "a ladder tier passive, active or advocate", [...p, "ladderTier"], r["ladderTier"]);
      rule.ladderTier = r["ladderTier"] as string;
    }
    return rule;
  });
  if (!modelIds.has(fallback)) fail(ErrorCodes.MODEL_UNKNOWN_REFERENCE, "a known fallback model", ["fallback"], fallback);

  const taken = new Set<string>();
  rules.forEach((rule, i) => {
    const p: InputPath = ["rules", i];
    for (let j = 0; j < i; j++) {
      const e = rules[j] as StrategyRule;
      const segmentCovers = e.segment === "*" || e.segment === rule.segment;
      const stageCovers = e.journeyStage === undefined || e.journeyStage === rule.journeyStage;
      const tierCovers = e.ladderTier === undefined || e.ladderTier === rule.ladderTier;
      if (segmentCovers && stageCovers && tierCovers) {
        fail(ErrorCodes.MODEL_UNREACHABLE_RULE, `a rule that rule ${j} (segment "${e.segment}"${narrowing(e)}) does not already cover`, p, rule.segment);
      }
    }
    const own = context.members?.get(rule.segment);
    if (rule.segment !== "*" && own !== undefined && own.size > 0) {
      let allTaken = true;
      for (const c of own) if (!taken.has(c)) { allTaken = false; break; }
      if (allTaken) fail(ErrorCodes.MODEL_UNREACHABLE_RULE, `a rule with a member that earlier un-narrowed rules do not take (all ${own.size} members of "${rule.segment}" are taken)`, p, rule.segment);
    }
    if (rule.journeyStage === undefined && rule.ladderTier === undefined) for (const c of context.members?.get(rule.segment) ?? []) taken.add(c);
    rule.models.forEach((m, j) => {
      if (rule.models.indexOf(m) !== j) fail(ErrorCodes.MODEL_OVERLAP, `each model once in a rule's cascade ("${m}" is also at position ${rule.models.indexOf(m)})`, [...p, "models", j], m);
      if (m === fallback && j < rule.models.length - 1) fail(ErrorCodes.MODEL_OVERLAP, "the fallback model only as the last model of a cascade (it is unbounded, so the models after it are ambiguous)", [...p, "models", j], m);
    });
  });
  return { rules, fallback };
}

function narrowing(r: StrategyRule): string {
  const parts = [r.journeyStage === undefined ? "" : `, stage "${r.journeyStage}"`, r.ladderTier === undefined ? "" : `, tier "${r.ladderTier}"`];
  return parts.join("");
}

/**
 * Checks model capacities (typically parsed JSON): an object mapping a model
 * id of `models` to how many customers it can serve at once, a non-negative
 * integer. A model left out is unbounded (see {@link ModelCapacities}).
 *
 * @throws {InputError} `MODEL.INVALID` at `["capacities"]` for a non-object, at `["capacities", modelId]` for a capacity that is negative, fractional or not a finite number; `MODEL.UNKNOWN_REFERENCE` at `["capacities", modelId]` for a model not in `models`
 * @category Models
 * @example
 * validateCapacities({ csm: 40 }, engagementModelCatalog) // => { csm: 40 }
 * try { validateCapacities({ csm: -1 }, engagementModelCatalog) }
 * catch (e) { [e.code, e.path] } // => ["MODEL.INVALID", ["capacities", "csm"]]
 */
export function validateCapacities(capacities: unknown, models: readonly EngagementModel[]): ModelCapacities {
  const FN = "validateCapacities";
  if (typeof capacities !== "object" || capacities === null || Array.isArray(capacities)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires an object of capacities, got ${describe(capacities)}`, ["capacities"], capacities);
  }
  const ids = new Set(models.map((m) => m.id));
  const out: Record<string, number> = {};
  for (const [id, value] of Object.entries(capacities as Record<string, unknown>)) {
    const path = ["capacities", id];
    if (!ids.has(id)) throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires a known model at ${formatPath(path)}, got ${describe(id)}`, path, id);
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a non-negative integer capacity at ${formatPath(path)}, got ${describe(value)}`, path, value);
    }
    out[id] = value;
  }
  return out;
}
