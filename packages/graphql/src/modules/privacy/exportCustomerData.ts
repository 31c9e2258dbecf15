import { ReferenceKind, type EntityProperty } from "@mikro-orm/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toMs } from "../../data/sqlDate.js";
import { customerNotFound, parseCustomerId } from "./customerNotFound.js";
import { customerRows, customerTables, type CustomerTable } from "./customerTables.js";

/** One stored row as exported: property names of the entity, dates as ISO strings, JSON parsed, references as ids. */
export type ExportedRow = Record<string, unknown>;

/** Everything stored about one customer (exportCustomerData). */
export interface CustomerDataExport {
  readonly customerId: string;
  readonly workspace: string;
  readonly exportedAt: string;
  /** The customer row: profile and derived state (`state` is the saved per-customer document). */
  readonly customer: ExportedRow;
  /** Every other table holding rows about the customer, by table name (empty lists included). */
  readonly tables: Record<string, ExportedRow[]>;
  /** Keys of the segments named by `segment_memberships.segmentId`. */
  readonly segments: Record<string, string>;
}

function isDate(p: EntityProperty): boolean {
  return p.runtimeType === "Date" || /date|time/i.test(String(p.type));
}
function isJson(p: EntityProperty): boolean {
  return /json/i.test(String(p.type)) || p.runtimeType === "object" || p.runtimeType === "any";
}

/** A raw row (SQLite: epoch ms and JSON text; PostgreSQL: Date and parsed jsonb) as the entity's properties. */
export function exportRow(t: CustomerTable, raw: Readonly<Record<string, unknown>>): ExportedRow {
  const out: ExportedRow = {};
  for (const p of Object.values(t.meta.properties)) {
    const column = p.fieldNames?.[0];
    if (!column || !(column in raw)) continue;
    const v = raw[column];
    if (p.kind === ReferenceKind.MANY_TO_ONE) out[`${p.name}Id`] = v === null ? null : String(v);
    else if (v === null || v === undefined) out[p.name] = null;
    else if (isDate(p)) out[p.name] = new Date(toMs(v as string | number | Date)).toISOString();
    else if (isJson(p)) out[p.name] = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
    else if (p.name === "id") out[p.name] = String(v);
    else out[p.name] = typeof v === "bigint" ? Number(v) : v;
  }
  return out;
}

/**
 * Reads every row about a customer from every table that holds customer
 * data ({@link customerTables}: derived from the entities, so nothing is
 * missed when one is added), scoped to the workspace in SQL. NOT_FOUND
 * (`customerId`) for an id that is not a customer of this workspace.
 */
export async function exportCustomerData(scope: WorkspaceScope, workspaceSlug: string, customerId: string): Promise<CustomerDataExport> {
  const id = parseCustomerId(customerId);
  if (id === null) throw customerNotFound();
  const tables = customerTables(scope.em);
  const read = async (t: CustomerTable) => {
    const { where, params } = customerRows(t, id, scope.workspaceId);
    return scope.select<Record<string, unknown>>(`select * from ${t.table} where workspace_id = ? and ${where} order by id`, params);
  };
  const self = tables.find((t) => t.link.kind === "self") as CustomerTable;
  const [row] = await read(self);
  if (!row) throw customerNotFound();
  const out: Record<string, ExportedRow[]> = {};
  for (const t of tables) if (t !== self) out[t.table] = (await read(t)).map((r) => exportRow(t, r));
  const segmentIds = [...new Set((out.segment_memberships ?? []).map((m) => Number(m.segmentId)))];
  const segments: Record<string, string> = {};
  if (segmentIds.length > 0) {
    for (const s of await scope.select<{ id: number; key: string }>(`select id, key from segments where workspace_id = ? and id in (${segmentIds.map(() => "?").join(", ")})`, segmentIds)) {
      segments[String(s.id)] = s.key;
    }
  }
  return { customerId: String(id), workspace: workspaceSlug, exportedAt: new Date().toISOString(), customer: exportRow(self, row), tables: out, segments };
}
