import type { WorkspaceScope } from "./WorkspaceScope.js";
import { sqliteTransaction } from "./sqliteTransaction.js";

/**
 * Writes per-row values into columns of `customers`-like tables, scoped to the
 * workspace. SQLite in a transaction: one prepared single-row update per row.
 * Otherwise (PostgreSQL) one `UPDATE … FROM (VALUES …)` per chunk, every value
 * cast to its column type (so bound values are not typed as text): PostgreSQL
 * joins the list by id, where the earlier `SET col = CASE id WHEN ? THEN ? …`
 * form compared every row with every WHEN (a 1,000-customer batch spent
 * 190 ms there, more than the rest of its statements together).
 */
export async function updateColumns(
  scope: WorkspaceScope,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly { readonly id: number; readonly values: Readonly<Record<string, unknown>> }[],
  chunk = 500,
): Promise<void> {
  const names = Object.keys(columns);
  const tx = await sqliteTransaction(scope.em);
  if (tx) {
    const sql = `update ${table} set ${names.map((c) => `${c} = ?`).join(", ")} where workspace_id = ? and id = ?`;
    for (const r of rows) tx.run(sql, [...names.map((c) => r.values[c] ?? null), scope.workspaceId, r.id]);
    return;
  }
  const tuple = `(cast(? as bigint), ${names.map((c) => `cast(? as ${columns[c]})`).join(", ")})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    for (const r of part) {
      params.push(r.id);
      for (const c of names) params.push(r.values[c] ?? null);
    }
    await scope.execute(
      `update ${table} as t set ${names.map((c) => `${c} = v.${c}`).join(", ")} from (values ${part.map(() => tuple).join(", ")}) as v(id, ${names.join(", ")}) where t.workspace_id = :workspace and t.id = v.id`,
      params,
    );
  }
}
