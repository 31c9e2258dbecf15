import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import { describe, formatPath } from "../../_internal/assert.js";
import type { IdentifierRef } from "../../identity/IdentifierRef.js";
import type { ChannelRegistry } from "../ChannelRegistry.js";
import type { Interaction } from "../Interaction.js";
import type { Touchpoint } from "../Touchpoint.js";

const FN = "validateInteraction";
// ISO 8601 date or date-time; Date.parse alone accepts too much ("1", "May 3").
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The rules of {@link validateInteraction}, with the lookup maps built once by the caller. */
export function validateWith(raw: unknown, touchpoints: ReadonlyMap<string, Touchpoint>, channels: ChannelRegistry, path: InputPath): Interaction {
  if (!isRecord(raw)) throw field(path, "an interaction object", raw);
  const id = nonEmpty(raw["id"], [...path, "id"]);
  const customer = identifier(raw["customer"], [...path, "customer"]);
  const timestamp = toEpochMs(raw["timestamp"], [...path, "timestamp"]);
  const tpId = nonEmpty(raw["touchpoint"], [...path, "touchpoint"]);
  const tp = touchpoints.get(tpId);
  if (tp === undefined) {
    throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${FN} requires a known touchpoint at ${formatPath([...path, "touchpoint"])}, got ${describe(tpId)}`, [...path, "touchpoint"], tpId);
  }
  const channelRaw = raw["channel"];
  const channel = channelRaw === undefined ? tp.channel : nonEmpty(channelRaw, [...path, "channel"]);
  if (!channels.has(channel)) {
    throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${FN} requires a registered channel at ${formatPath([...path, "channel"])}, got ${describe(channel)}`, [...path, "channel"], channel);
  }
  if (channel !== tp.channel) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${FN} requires the channel of touchpoint "${tp.id}" ("${tp.channel}") at ${formatPath([...path, "channel"])}, got ${describe(channel)}`, [...path, "channel"], channel);
  }
  const type = nonEmpty(raw["type"], [...path, "type"]);
  if (tp.emits.length > 0 && !tp.emits.includes(type)) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${FN} requires a type that touchpoint "${tp.id}" emits at ${formatPath([...path, "type"])}, got ${describe(type)}`, [...path, "type"], type);
  }
  let out: Interaction = { id, customer, timestamp, touchpoint: tpId, channel, type };
  const ids = raw["identifiers"];
  if (ids !== undefined) {
    if (!Array.isArray(ids)) throw field([...path, "identifiers"], "an array of identifiers", ids);
    out = { ...out, identifiers: ids.map((x: unknown, i) => identifier(x, [...path, "identifiers", i])) };
  }
  const props = raw["properties"];
  if (props !== undefined) {
    if (!isRecord(props)) throw field([...path, "properties"], "a plain object", props);
    out = { ...out, properties: props };
  }
  const value = raw["value"];
  if (value !== undefined) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InputError(ErrorCodes.NOT_FINITE, `${FN} requires a finite number at ${formatPath([...path, "value"])}, got ${describe(value)}`, [...path, "value"], value);
    }
    out = { ...out, value };
  }
  return out;
}

/** Touchpoints by id (a map is passed through). */
export function touchpointMap(tps: ReadonlyMap<string, Touchpoint> | readonly Touchpoint[]): ReadonlyMap<string, Touchpoint> {
  if (tps instanceof Map) return tps;
  const m = new Map<string, Touchpoint>();
  for (const tp of tps as readonly Touchpoint[]) m.set(tp.id, tp);
  return m;
}

function toEpochMs(v: unknown, path: InputPath): number {
  let ms = Number.NaN;
  if (typeof v === "number") ms = v;
  else if (v instanceof Date) ms = v.getTime();
  else if (typeof v === "string" && ISO.test(v)) {
    // A bare date-time without zone is read as UTC, not local time.
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(v) || v.length === 10 ? v : `${v.replace(" ", "T")}Z`;
    ms = Date.parse(zoned);
  }
  if (!Number.isFinite(ms)) {
    throw new InputError(ErrorCodes.INVALID_TIMESTAMP, `${FN} requires a date (epoch ms, Date or ISO 8601) at ${formatPath(path)}, got ${describe(v)}`, path, v);
  }
  return ms;
}

function identifier(v: unknown, path: InputPath): IdentifierRef {
  if (typeof v === "string") return { kind: "userId", value: nonEmpty(v, path) };
  if (!isRecord(v)) throw field(path, "an identifier { kind, value } or a user id string", v);
  return { kind: nonEmpty(v["kind"], [...path, "kind"]), value: nonEmpty(v["value"], [...path, "value"]) };
}

function nonEmpty(v: unknown, path: InputPath): string {
  if (typeof v !== "string" || v === "") throw field(path, "a non-empty string", v);
  return v;
}

function field(path: InputPath, what: string, v: unknown): InputError {
  return new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(v)}`, path, v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
