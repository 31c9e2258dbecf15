import type { IdKind } from "./IdKind.js";

/** Writes the opaque id of row `rowId` of `kind` in the request's workspace. */
export type EncodeId = (kind: IdKind, rowId: unknown) => unknown;

/**
 * A due action's dedup key, `<trigger>|<customer row id>|<cause>` (the
 * core's dedupKeyOf), with the customer's opaque id: the same for every
 * firing of the cause, as the key is meant to be, without the row number.
 */
export function opaqueDedupKey(value: unknown, encode: EncodeId, source: unknown): unknown {
  const trigger = (source as { triggerId?: unknown } | null)?.triggerId;
  if (typeof value !== "string" || typeof trigger !== "string" || !value.startsWith(`${trigger}|`)) return value;
  const rest = value.slice(trigger.length + 1);
  const bar = rest.indexOf("|");
  if (bar < 0 || !/^\d+$/.test(rest.slice(0, bar))) return value;
  return `${trigger}|${String(encode("cus", rest.slice(0, bar)))}${rest.slice(bar)}`;
}
