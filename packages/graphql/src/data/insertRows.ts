import type { EntityName } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { dialect } from "./sqlDialect.js";
import { sqliteTransaction } from "./sqliteTransaction.js";

/** The ORM's metadata of an entity (its table, columns). */
export function entityMeta<T extends object>(em: EntityManager, entity: EntityName<T>) {
  return em.getMetadata().get(typeof entity === "string" ? entity : (entity as unknown as { meta: { className: string } }).meta.className);
}

/**
 * Inserts rows (keyed by entity property names) in as few statements as the
 * driver's parameter limit allows, ignoring rows whose unique key a
 * concurrent writer inserted first (`on conflict … do nothing`, which SQLite
 * and PostgreSQL both speak). Plain SQL rather than the query builder: the
 * builder's per-row compilation dominated ingestion time.
 */
export async function insertRows<T extends object>(
  tx: EntityManager,
  entity: EntityName<T>,
  conflict: string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const meta = entityMeta(tx, entity);
  const sqlite = dialect(tx) === "sqlite";
  const props = Object.keys(first);
  const columns = props.map((p) => {
    const prop = meta.properties[p as never] as unknown as { fieldNames: string[]; type: string; runtimeType?: string };
    return { name: prop.fieldNames[0] as string, kind: String(prop.runtimeType ?? prop.type).toLowerCase() };
  });
  const conflictCols = conflict.map((p) => (meta.properties[p as never] as unknown as { fieldNames: string[] }).fieldNames[0]);
  const quote = (c: string) => (sqlite ? `\`${c}\`` : `"${c}"`);
  const convert = (value: unknown, kind: string): unknown => {
    if (value === undefined || value === null) return null;
    if (value instanceof Date) return sqlite ? value.getTime() : value;
    if (kind.includes("json") || (typeof value === "object" && !(value instanceof Date))) return JSON.stringify(value);
    return value;
  };
  const rowSql = `(${columns.map(() => "?").join(", ")})`;
  const head = `insert into ${quote(meta.tableName)} (${columns.map((c) => quote(c.name)).join(", ")}) values `;
  const tail = ` on conflict (${conflictCols.map((c) => quote(c as string)).join(", ")}) do nothing`;
  // SQLite in a transaction: one prepared single-row statement run per row (no parsing per batch).
  const tx_ = await sqliteTransaction(tx);
  if (tx_) {
    const sql = head + rowSql + tail;
    const values: unknown[] = new Array(props.length);
    for (const row of rows) {
      for (let c = 0; c < props.length; c++) values[c] = convert(row[props[c] as string], (columns[c] as { kind: string }).kind);
      tx_.run(sql, values);
    }
    return;
  }
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of part) for (let c = 0; c < props.length; c++) params.push(convert(row[props[c] as string], (columns[c] as { kind: string }).kind));
    const sql = head + part.map(() => rowSql).join(", ") + tail;
    await tx.getConnection().execute(sql, params, "run", tx.getTransactionContext());
  }
}
