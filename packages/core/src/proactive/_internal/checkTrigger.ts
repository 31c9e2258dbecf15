import { ChannelRegistry } from "../../journey/ChannelRegistry.js";
import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import { assertFinite, formatPath } from "../../_internal/assert.js";
import type { OwnerRole } from "../../models/EngagementModel.js";
import type { Trigger, TriggerAction, TriggerCondition, TriggerConditionKind, ThresholdOperator } from "../Trigger.js";
import { inRange, oneOf, record, text } from "./check.js";
import type { TriggerReferences } from "../validateTrigger.js";
import type { CustomActionKind } from "../CustomActionKind.js";
import { checkSchema, type SchemaError } from "../../segments/schemaBuilder.js";

const KINDS: readonly TriggerConditionKind[] = ["interaction", "segmentEntered", "segmentExited", "dateRelative", "metricThreshold", "pAliveDrop"];
const OPS: readonly ThresholdOperator[] = ["lt", "lte", "gt", "gte"];
const ACTIONS: readonly TriggerAction["type"][] = ["message", "task", "offer", "custom"];
const OWNERS: readonly OwnerRole[] = ["account_manager", "csm", "support_agent", "marketing_automation", "community_manager"];

/** The references as sets (internal; shared with validateTriggers). */
export interface ReferenceSets {
  readonly segments: ReadonlySet<string>;
  readonly channels: ReadonlySet<string>;
  readonly actionKinds: ReadonlyMap<string, CustomActionKind>;
}

/** The references as sets (internal; shared with validateTriggers). */
export function referenceSets(refs: TriggerReferences): ReferenceSets {
  const c = refs.channels ?? new ChannelRegistry();
  const channels = new Set(c instanceof ChannelRegistry ? c.list().map((x) => x.id) : c.map((x) => (typeof x === "string" ? x : x.id)));
  return { segments: new Set(refs.segments ?? []), channels, actionKinds: new Map((refs.actionKinds ?? []).map((k) => [k.kind, k])) };
}

/** The core's error code of a schema violation of a custom action's params. */
function schemaCode(e: SchemaError): string {
  return e.reason === "range" ? ErrorCodes.OUT_OF_RANGE : ErrorCodes.INVALID_FIELD;
}

/** validateTrigger with prepared reference sets (internal). */
export function checkTrigger(fn: string, input: unknown, refs: ReferenceSets, path: InputPath): Trigger {
  const t = record(fn, input, path, "a trigger");
  const id = text(fn, t.id, [...path, "id"], "trigger id");
  assertFinite(fn, t.priority, [...path, "priority"]);
  const holdoutShare = inRange(fn, t.holdoutShare, [...path, "holdoutShare"], "a holdout share", 0, 1, true);
  if (t.paused !== undefined && typeof t.paused !== "boolean") {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires paused to be a boolean`, [...path, "paused"], t.paused);
  }
  const channel = (v: unknown, p: InputPath): string => {
    const c = text(fn, v, p, "channel id");
    if (!refs.channels.has(c)) throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${fn} requires a known channel, got ${JSON.stringify(c)}`, p, c);
    return c;
  };
  const segment = (v: unknown, p: InputPath): string => {
    const s = text(fn, v, p, "segment id");
    if (!refs.segments.has(s)) throw new InputError(ErrorCodes.SEGMENT_UNKNOWN_SEGMENT, `${fn} requires a known segment, got ${JSON.stringify(s)}`, p, s);
    return s;
  };

  const cp = [...path, "condition"];
  const c = record(fn, t.condition, cp, "a condition");
  const kind = oneOf(fn, c.kind, KINDS, [...cp, "kind"], "a condition kind");
  let condition: TriggerCondition;
  switch (kind) {
    case "interaction": {
      const interactionType = text(fn, c.interactionType, [...cp, "interactionType"], "interaction type");
      condition = c.channel === undefined ? { kind, interactionType } : { kind, interactionType, channel: channel(c.channel, [...cp, "channel"]) };
      break;
    }
    case "segmentEntered":
    case "segmentExited":
      condition = { kind, segment: segment(c.segment, [...cp, "segment"]) };
      break;
    case "dateRelative": {
      const trait = text(fn, c.trait, [...cp, "trait"], "trait name");
      assertFinite(fn, c.offsetDays, [...cp, "offsetDays"]);
      const base = { kind, trait, offsetDays: c.offsetDays };
      condition = c.graceDays === undefined ? base : { ...base, graceDays: inRange(fn, c.graceDays, [...cp, "graceDays"], "graceDays", 0, Infinity, false) };
      break;
    }
    case "metricThreshold": {
      const metric = text(fn, c.metric, [...cp, "metric"], "metric name");
      const op = oneOf(fn, c.op, OPS, [...cp, "op"], "an operator");
      assertFinite(fn, c.value, [...cp, "value"]);
      condition = { kind, metric, op, value: c.value };
      break;
    }
    case "pAliveDrop":
      condition = { kind, minDrop: inRange(fn, c.minDrop, [...cp, "minDrop"], "minDrop", 0, 1, false) };
      break;
  }

  const ap = [...path, "action"];
  const a = record(fn, t.action, ap, "an action");
  const type = oneOf(fn, a.type, ACTIONS, [...ap, "type"], "an action type");
  let action: TriggerAction;
  switch (type) {
    case "message":
      action = {
        type,
        channel: channel(a.channel, [...ap, "channel"]),
        template: text(fn, a.template, [...ap, "template"], "template"),
        purpose: oneOf(fn, a.purpose, ["marketing", "service"] as const, [...ap, "purpose"], "a purpose"),
      };
      break;
    case "task": {
      const ownerRole = oneOf(fn, a.ownerRole, OWNERS, [...ap, "ownerRole"], "an owner role");
      const dueWithinHours = inRange(fn, a.dueWithinHours, [...ap, "dueWithinHours"], "dueWithinHours", 0, Infinity, false);
      action = a.note === undefined ? { type, ownerRole, dueWithinHours } : { type, ownerRole, dueWithinHours, note: text(fn, a.note, [...ap, "note"], "note") };
      break;
    }
    case "offer":
      action = { type, offerId: text(fn, a.offerId, [...ap, "offerId"], "offer id"), channel: channel(a.channel, [...ap, "channel"]) };
      break;
    case "custom": {
      const kind = text(fn, a.kind, [...ap, "kind"], "custom action kind");
      const spec = refs.actionKinds.get(kind);
      if (spec === undefined) {
        const known = [...refs.actionKinds.keys()];
        throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${fn} requires a registered custom action kind (${known.length === 0 ? "none registered" : known.join(", ")}), got ${JSON.stringify(kind)}`, [...ap, "kind"], kind);
      }
      const pp = [...ap, "params"];
      const params = record(fn, a.params ?? {}, pp, "a params");
      const errors: SchemaError[] = [];
      checkSchema(spec.params, params, pp, {}, errors);
      const first = errors[0];
      if (first !== undefined) throw new InputError(schemaCode(first), `${fn} requires ${first.message} at ${formatPath(first.path)} (custom action ${kind})`, first.path, first.value);
      const issue = spec.check?.(params, pp)[0];
      if (issue !== undefined) throw new InputError(issue.code, issue.message, issue.path, issue.value);
      if (a.channel === undefined) {
        if (a.purpose !== undefined) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a channel for a custom action with a purpose`, [...ap, "channel"], a.channel);
        action = { type, kind, params };
      } else {
        const c = channel(a.channel, [...ap, "channel"]);
        action = { type, kind, params, channel: c, purpose: a.purpose === undefined ? "marketing" : oneOf(fn, a.purpose, ["marketing", "service"] as const, [...ap, "purpose"], "a purpose") };
      }
      break;
    }
  }
  return { id, condition, action, priority: t.priority, holdoutShare, ...(t.paused !== undefined ? { paused: t.paused as boolean } : {}) };
}
