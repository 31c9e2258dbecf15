import { randomUUID } from "node:crypto";
import { DEFAULT_PERSONAL_PROPERTY_KEYS, ErrorCodes, InputError, stripPersonalProperties } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { dialect } from "../../data/sqlDialect.js";
import { insertRows } from "../../data/insertRows.js";
import { updateColumns } from "../../data/updateColumns.js";
import { CustomerErasureSchema } from "../../entities/CustomerErasure.js";
import { customerNotFound, parseCustomerId } from "./customerNotFound.js";
import { customerRows, customerTables, type CustomerTable } from "./customerTables.js";
import { PERSONAL_COLUMNS } from "./personalColumns.js";

/** Prefix of an erased customer's external id: `erased:<reference>`. */
export const ERASED_PREFIX = "erased:";

/** Most caller-flagged property keys one erasure takes. */
export const MAX_PERSONAL_PROPERTIES = 100;

/** What eraseCustomer recorded (the `customer_erasures` row). */
export interface ErasureRecord {
  readonly reference: string;
  readonly customerId: string;
  readonly erasedAt: Date;
  /** Per `table` (rows deleted) or `table.column` (values cleared; for properties: properties removed). */
  readonly counts: Record<string, number>;
  readonly personalProperties: string[];
}

/** Every string at any depth of a JSON value (a customer's traits), to find them again in interaction properties. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** Checks the caller's personal property keys: at most 100, each 1–64 characters. */
export function checkPersonalProperties(keys: readonly string[]): void {
  if (keys.length > MAX_PERSONAL_PROPERTIES) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `eraseCustomer accepts at most ${MAX_PERSONAL_PROPERTIES} personalProperties, got ${keys.length}`, ["personalProperties"], keys.length);
  }
  keys.forEach((k, i) => {
    if (k.trim() === "" || k.length > 64) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `eraseCustomer requires a non-empty key of at most 64 characters at personalProperties[${i}]`, ["personalProperties", i], k);
    }
  });
}

/**
 * Removes a customer's personal data from every table ({@link PERSONAL_COLUMNS}
 * says what is personal in each; {@link customerTables} finds the tables)
 * and records the erasure, in one transaction: a failure changes nothing.
 * Rows stay (anonymised) so counts, NPS, revenue, cohorts and segment
 * sizes are the same after; identities are deleted. Interaction properties
 * lose the keys flagged personal (the core's defaults plus
 * `personalProperties`) and any value containing one of the customer's own
 * personal values (email, external id, identity values, trait strings).
 * Idempotent: a second erasure finds nothing left and records zero counts.
 * On SQLite, the WAL is checkpointed and truncated after the commit, so the
 * erased values are gone from the files too (secure_delete zeroes freed
 * space; see SQLITE_PRAGMAS).
 */
export async function eraseCustomer(scope: WorkspaceScope, customerId: string, personalProperties: readonly string[] = []): Promise<ErasureRecord> {
  checkPersonalProperties(personalProperties);
  const id = parseCustomerId(customerId);
  if (id === null) throw customerNotFound();
  const pg = dialect(scope.em) === "postgresql";
  const record = await scope.em.transactional(async (tx) => {
    const s = scope.with(tx);
    // PostgreSQL: hold the row so a concurrent ingestion of this customer waits for the erasure.
    const [customer] = await s.select<{ external_id: string; email: string | null; traits: unknown }>(
      `select external_id, email, traits from customers where workspace_id = ? and id = ?${pg ? " for update" : ""}`,
      [id],
    );
    if (!customer) throw customerNotFound();
    const identities = await s.select<{ value: string }>("select value from customer_identities where workspace_id = ? and customer_id = ?", [id]);
    const needles = [
      ...(customer.email ? [customer.email] : []),
      ...(customer.external_id.startsWith(ERASED_PREFIX) ? [] : [customer.external_id]),
      ...identities.map((i) => i.value),
      ...strings(json(customer.traits ?? null)),
    ];
    const keys = [...DEFAULT_PERSONAL_PROPERTY_KEYS, ...personalProperties];
    const reference = randomUUID();
    const counts: Record<string, number> = {};
    for (const t of customerTables(tx)) await eraseTable(s, t, id, reference, keys, needles, counts);
    const erasedAt = new Date();
    await insertRows(tx, CustomerErasureSchema, ["workspace", "reference"], [
      { workspace: s.workspaceId, customer: id, reference, erasedAt, counts, personalProperties: [...personalProperties] },
    ]);
    return { reference, customerId: String(id), erasedAt, counts, personalProperties: [...personalProperties] };
  });
  if (!pg) await scope.em.getConnection().execute("pragma wal_checkpoint(TRUNCATE)", [], "all");
  return record;
}

async function eraseTable(
  s: WorkspaceScope,
  t: CustomerTable,
  customerId: number,
  reference: string,
  keys: readonly string[],
  needles: readonly string[],
  counts: Record<string, number>,
): Promise<void> {
  const rule = PERSONAL_COLUMNS[t.table];
  // A table holding customer data with no rule is a bug to fail on, not to skip (the privacy test lists them).
  if (!rule) throw new Error(`eraseCustomer: no erasure rule for table ${t.table} (add it to PERSONAL_COLUMNS)`);
  const { where, params } = customerRows(t, customerId, s.workspaceId);
  if (rule.deleteRows) {
    const [n] = await s.select<{ n: number | string }>(`select count(*) as n from ${t.table} where workspace_id = ? and ${where}`, params);
    counts[t.table] = Number(n?.n ?? 0);
    await s.execute(`delete from ${t.table} where workspace_id = :workspace and ${where}`, params);
    return;
  }
  for (const [column, action] of Object.entries(rule.personal)) {
    const label = `${t.table}.${column}`;
    if (action === "strip") {
      const rows = await s.select<{ id: number; value: unknown }>(`select id, ${column} as value from ${t.table} where workspace_id = ? and ${where} and ${column} is not null`, params);
      const updates: { id: number; values: Record<string, unknown> }[] = [];
      let removed = 0;
      for (const r of rows) {
        const stripped = stripPersonalProperties(json(r.value) as Record<string, unknown>, keys, needles);
        if (stripped.removed === 0) continue;
        removed += stripped.removed;
        updates.push({ id: Number(r.id), values: { [column]: stripped.properties === null ? null : JSON.stringify(stripped.properties) } });
      }
      await updateColumns(s, t.table, { [column]: dialect(s.em) === "postgresql" ? "jsonb" : "text" }, updates);
      counts[label] = removed;
      continue;
    }
    const pending = action === "pseudonym" ? `${column} not like '${ERASED_PREFIX}%'` : `${column} is not null`;
    const [n] = await s.select<{ n: number | string }>(`select count(*) as n from ${t.table} where workspace_id = ? and ${where} and ${pending}`, params);
    counts[label] = Number(n?.n ?? 0);
    if (counts[label] === 0) continue;
    const value = action === "pseudonym" ? "?" : "null";
    await s.execute(
      `update ${t.table} set ${column} = ${value} where workspace_id = :workspace and ${where} and ${pending}`,
      action === "pseudonym" ? [`${ERASED_PREFIX}${reference}`, ...params] : params,
    );
  }
}
