import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import { ChannelRegistry } from "../journey/ChannelRegistry.js";
import { defaultChannels } from "../journey/defaultChannels.js";
import { defaultJourneyStages } from "../journey/defaultJourneyStages.js";
import type { JourneyMap } from "../journey/JourneyMap.js";
import type { Touchpoint } from "../journey/Touchpoint.js";
import { defaultModelTouchpoints } from "./defaultModelTouchpoints.js";
import type { CostComponent, EngagementModel, PlaybookEntry } from "./EngagementModel.js";

/** What {@link validateEngagementModel} checks references against. */
export interface EngagementModelContext {
  /** Known channels; default: a journey map's channels plus the defaults, else `new ChannelRegistry()`. */
  readonly channels?: ChannelRegistry;
  /** Known touchpoints; default: the journey map's, else {@link defaultModelTouchpoints}. */
  readonly touchpoints?: readonly Touchpoint[];
  /** A journey map whose stages, touchpoints and channels the model must use. */
  readonly journeyMap?: JourneyMap;
  /** Known stage ids; default: the journey map's stages, else the five {@link defaultJourneyStages}. */
  readonly stages?: readonly string[];
}

const FN = "validateEngagementModel";
const ID_RE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const KINDS = ["high_touch", "low_touch", "customer_success_manager", "automated_retention", "hybrid", "customer_journey", "engagement_ladder", "omnichannel", "self_service", "personalized", "proactive", "community", "custom"] as const;
const TOUCH = ["high", "low", "tech"] as const;
const AUTOMATION = ["manual", "assisted", "automated"] as const;
const OWNERS = ["account_manager", "csm", "support_agent", "marketing_automation", "community_manager"] as const;
const PERIODS = ["week", "month", "quarter", "year"] as const;
const MARKETS = ["B2B", "B2C"] as const;
const SIZES = ["low", "mid", "high", "any"] as const;
const FIELDS = new Set(["id", "version", "name", "kind", "touchLevel", "automationLevel", "channels", "cadence", "ownerRole", "valueProposition", "bestFor", "kpis", "feedback", "playbook", "cost", "description"]);

/** Relative tolerance of the check that cost components sum to `perCustomer`. */
const SUM_TOLERANCE = 1e-9;

/**
 * Checks an engagement model (typically parsed JSON) and returns it as a
 * clean {@link EngagementModel}: a fresh object with the fields in canonical
 * order (so `validate(validate(x))` deep-equals `validate(x)`). It stops at
 * the first problem and throws an {@link InputError} naming its path.
 *
 * Shape and rules (`MODEL.INVALID`):
 * - `id` lower snake case (`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`); `version` a positive integer;
 *   `name`, `valueProposition`, `bestFor.notes` non-empty strings; `description` a string when present;
 *   no fields beyond those of {@link EngagementModel} (a typo is an error, not ignored);
 * - `kind`, `touchLevel`, `automationLevel`, `ownerRole`, `cadence.period`, `cost.period`,
 *   `bestFor.markets[]` (non-empty, unique), `bestFor.dealSize`, `bestFor.volume` from their enums;
 * - `channels` a non-empty list of unique ids; `kpis` a non-empty list, `feedback` a list, of unique non-empty strings;
 * - `cadence`: finite `0 ≤ target ≤ cap`;
 * - `cost`: finite `perCustomer ≥ 0`; every component a label and a finite amount ≥ 0, and
 *   when components are given, `|Σ amount − perCustomer| ≤ 1e-9 · max(|Σ amount|, perCustomer)`;
 * - `playbook`: at most one entry per stage, each with a non-empty `actions` list; every touchpoint of an
 *   entry must serve the entry's stage (its `stages` lists it).
 *
 * References (`MODEL.UNKNOWN_REFERENCE`): every channel id (model's and playbook's) in the channel registry;
 * every playbook stage among the known stages; every playbook touchpoint among the known touchpoints.
 *
 * Playbook channels: a channel listed in a playbook entry must be the channel of one of the
 * entry's touchpoints, or one of the model's `channels` (`MODEL.INVALID` otherwise). So an entry
 * can use a touchpoint's own channel without the model listing it, and can name a model channel
 * for actions that have no touchpoint of their own; a channel neither ran on nor promised is an error.
 *
 * Complexity: O(size of the model + touchpoints).
 *
 * @throws {InputError} `MODEL.INVALID`, `MODEL.UNKNOWN_REFERENCE` with the offending `path`
 * @category Models
 * @example
 * validateEngagementModel(catalogModel("csm")).version // => 1
 * try {
 *   validateEngagementModel({ ...catalogModel("csm"), channels: ["fax"] });
 * } catch (e) {
 *   [e.code, e.path] // => ["MODEL.UNKNOWN_REFERENCE", ["channels", 0]]
 * }
 */
export function validateEngagementModel(input: unknown, context: EngagementModelContext = {}): EngagementModel {
  const map = context.journeyMap;
  const registry = context.channels ?? (map?.channels !== undefined ? new ChannelRegistry([...defaultChannels, ...map.channels]) : new ChannelRegistry());
  const touchpoints = new Map((context.touchpoints ?? map?.touchpoints ?? defaultModelTouchpoints).map((t) => [t.id, t] as const));
  const stages = new Set(context.stages ?? map?.stages.map((s) => s.id) ?? defaultJourneyStages.map((s) => s.id));

  const m = record(input, []);
  for (const key of Object.keys(m)) if (!FIELDS.has(key)) invalid("only the fields of an engagement model", [key], key);

  const id = string(m["id"], ["id"]);
  if (!ID_RE.test(id)) invalid("a lower snake case id", ["id"], id);
  const version = m["version"];
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) invalid("a positive integer version", ["version"], version);
  const name = string(m["name"], ["name"]);
  const kind = oneOf(m["kind"], KINDS, ["kind"]);
  const touchLevel = oneOf(m["touchLevel"], TOUCH, ["touchLevel"]);
  const automationLevel = oneOf(m["automationLevel"], AUTOMATION, ["automationLevel"]);

  const channels = uniqueStrings(m["channels"], ["channels"], true);
  channels.forEach((c, i) => knownChannel(c, ["channels", i]));
  const modelChannels = new Set(channels);

  const cad = record(m["cadence"], ["cadence"]);
  onlyKeys(cad, ["period", "target", "cap"], ["cadence"]);
  const cadPeriod = oneOf(cad["period"], PERIODS, ["cadence", "period"]);
  const target = nonNegative(cad["target"], ["cadence", "target"]);
  const cap = nonNegative(cad["cap"], ["cadence", "cap"]);
  if (target > cap) invalid(`a cadence target ≤ cap ${cap}`, ["cadence", "target"], target);

  const ownerRole = oneOf(m["ownerRole"], OWNERS, ["ownerRole"]);
  const valueProposition = string(m["valueProposition"], ["valueProposition"]);

  const bf = record(m["bestFor"], ["bestFor"]);
  onlyKeys(bf, ["markets", "dealSize", "volume", "notes"], ["bestFor"]);
  const rawMarkets = list(bf["markets"], ["bestFor", "markets"]);
  if (rawMarkets.length === 0) invalid("at least one market", ["bestFor", "markets"], rawMarkets);
  const markets = rawMarkets.map((v, i) => oneOf(v, MARKETS, ["bestFor", "markets", i]));
  markets.forEach((v, i) => {
    if (markets.indexOf(v) !== i) invalid("unique markets", ["bestFor", "markets", i], v);
  });
  const dealSize = oneOf(bf["dealSize"], SIZES, ["bestFor", "dealSize"]);
  const volume = oneOf(bf["volume"], SIZES, ["bestFor", "volume"]);
  const notes = string(bf["notes"], ["bestFor", "notes"]);

  const kpis = uniqueStrings(m["kpis"], ["kpis"], true);
  const feedback = uniqueStrings(m["feedback"], ["feedback"], false);

  const seenStages = new Set<string>();
  const playbook: PlaybookEntry[] = list(m["playbook"], ["playbook"]).map((raw, i) => {
    const p: InputPath = ["playbook", i];
    const e = record(raw, p);
    onlyKeys(e, ["stage", "touchpoints", "channels", "actions"], p);
    const stage = string(e["stage"], [...p, "stage"]);
    if (!stages.has(stage)) unknown("a known journey stage", [...p, "stage"], stage);
    if (seenStages.has(stage)) invalid("one playbook entry per stage", [...p, "stage"], stage);
    seenStages.add(stage);
    const tps = uniqueStrings(e["touchpoints"], [...p, "touchpoints"], false);
    const tpChannels = new Set<string>();
    tps.forEach((t, j) => {
      const touchpoint = touchpoints.get(t);
      if (touchpoint === undefined) return unknown("a known touchpoint", [...p, "touchpoints", j], t);
      if (!touchpoint.stages.includes(stage)) invalid(`a touchpoint that serves stage "${stage}"`, [...p, "touchpoints", j], t);
      tpChannels.add(touchpoint.channel);
    });
    const chs = uniqueStrings(e["channels"], [...p, "channels"], false);
    chs.forEach((c, j) => {
      knownChannel(c, [...p, "channels", j]);
      if (!tpChannels.has(c) && !modelChannels.has(c)) invalid("a playbook channel that one of the entry's touchpoints runs on or that the model lists", [...p, "channels", j], c);
    });
    const actions = uniqueStrings(e["actions"], [...p, "actions"], true);
    return { stage, touchpoints: tps, channels: chs, actions };
  });

  const c = record(m["cost"], ["cost"]);
  onlyKeys(c, ["period", "perCustomer", "components"], ["cost"]);
  const costPeriod = oneOf(c["period"], PERIODS, ["cost", "period"]);
  const perCustomer = nonNegative(c["perCustomer"], ["cost", "perCustomer"]);
  let components: CostComponent[] | undefined;
  if (c["components"] !== undefined) {
    components = list(c["components"], ["cost", "components"]).map((raw, i) => {
      const p: InputPath = ["cost", "components", i];
      const k = record(raw, p);
      onlyKeys(k, ["label", "amount"], p);
      return { label: string(k["label"], [...p, "label"]), amount: nonNegative(k["amount"], [...p, "amount"]) };
    });
    let sum = 0;
    for (const k of components) sum += k.amount;
    if (Math.abs(sum - perCustomer) > SUM_TOLERANCE * Math.max(sum, perCustomer)) invalid(`cost components that sum to perCustomer (they sum to ${sum})`, ["cost", "perCustomer"], perCustomer);
  }
  let description: string | undefined;
  if (m["description"] !== undefined) {
    if (typeof m["description"] !== "string") invalid("a string description", ["description"], m["description"]);
    description = m["description"];
  }

  return {
    id,
    version: version as number,
    name,
    kind,
    touchLevel,
    automationLevel,
    channels,
    cadence: { period: cadPeriod, target, cap },
    ownerRole,
    valueProposition,
    bestFor: { markets, dealSize, volume, notes },
    kpis,
    feedback,
    playbook,
    cost: components === undefined ? { period: costPeriod, perCustomer } : { period: costPeriod, perCustomer, components },
    ...(description === undefined ? {} : { description }),
  };

  function knownChannel(id: string, path: InputPath): void {
    if (!registry.has(id)) unknown("a known channel", path, id);
  }
}

function invalid(what: string, path: InputPath, value: unknown): never {
  throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(value)}`, path, value);
}

function unknown(what: string, path: InputPath, value: unknown): never {
  throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(value)}`, path, value);
}

function record(v: unknown, path: InputPath): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) invalid("an object", path, v);
  return v as Record<string, unknown>;
}

function onlyKeys(r: Record<string, unknown>, keys: readonly string[], path: InputPath): void {
  for (const key of Object.keys(r)) if (!keys.includes(key)) invalid(`only the fields ${keys.join(", ")}`, [...path, key], key);
}

function string(v: unknown, path: InputPath): string {
  if (typeof v !== "string" || v.trim() === "") invalid("a non-empty string", path, v);
  return v;
}

function list(v: unknown, path: InputPath): readonly unknown[] {
  if (!Array.isArray(v)) invalid("an array", path, v);
  return v;
}

function uniqueStrings(v: unknown, path: InputPath, nonEmpty: boolean): string[] {
  const items = list(v, path);
  if (nonEmpty && items.length === 0) invalid("a non-empty array", path, v);
  const out: string[] = [];
  items.forEach((s, i) => {
    const str = string(s, [...path, i]);
    if (out.includes(str)) invalid("unique entries", [...path, i], str);
    out.push(str);
  });
  return out;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: InputPath): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) invalid(`one of ${allowed.join(", ")}`, path, v);
  return v as T;
}

function nonNegative(v: unknown, path: InputPath): number {
  if (typeof v !== "number" || !Number.isFinite(v)) invalid("a finite number", path, v);
  if (v < 0) invalid("a non-negative number", path, v);
  return v;
}
