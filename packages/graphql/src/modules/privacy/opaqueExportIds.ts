import type { IdKind } from "../../ids/IdKind.js";
import { opaqueDedupKey } from "../../ids/opaqueDedupKey.js";
import type { CustomerDataExport, ExportedRow } from "./exportCustomerData.js";

/** Tables whose rows the API names by id, and the kind of those ids. */
const TABLE_KINDS: Readonly<Record<string, IdKind>> = { customers: "cus", interactions: "int", orders: "ord", trigger_actions: "act" };
/** Reference properties of exported rows (`<entity>Id`) that are API ids. */
const REFERENCE_KINDS: Readonly<Record<string, IdKind>> = { customerId: "cus", segmentId: "seg", workspaceId: "wsp" };

/**
 * An export (exportCustomerData) with the row ids the API knows by their
 * opaque ids: the customer's (the id the caller asked with), its rows' of
 * tables the API names (interactions, orders, due actions), the
 * references to customers, segments and the workspace, and due actions'
 * dedup keys. Ids of rows the API
 * never names (identities, consent events…) are exported as stored.
 * `encode(kind, rowId)` is the request's codec in the request's workspace.
 */
export function opaqueExportIds(value: unknown, encode: (kind: IdKind, rowId: unknown) => unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const data = value as CustomerDataExport;
  const row = (table: string, r: ExportedRow): ExportedRow => {
    const out: ExportedRow = { ...r };
    const kind = TABLE_KINDS[table];
    if (kind && out.id !== null && out.id !== undefined) out.id = encode(kind, out.id);
    for (const [property, k] of Object.entries(REFERENCE_KINDS)) if (out[property] !== null && out[property] !== undefined) out[property] = encode(k, out[property]);
    // A due action's dedup key embeds the customer's row id.
    if (table === "trigger_actions") out.dedupKey = opaqueDedupKey(out.dedupKey, encode, { triggerId: r.triggerKey });
    return out;
  };
  return {
    ...data,
    customerId: encode("cus", data.customerId),
    customer: row("customers", data.customer),
    tables: Object.fromEntries(Object.entries(data.tables).map(([table, rows]) => [table, rows.map((r) => row(table, r))])),
    segments: Object.fromEntries(Object.entries(data.segments).map(([id, key]) => [encode("seg", id) as string, key])),
  };
}
