import type { WorkspaceScope } from "./WorkspaceScope.js";
import { sqliteTransaction } from "./sqliteTransaction.js";

/**
 * Writes per-row values into columns of `customers`-like tables in chunks of
 * one `UPDATE … SET col = CASE id WHEN ? THEN CAST(? AS type) … END` each:
 * the same SQL on SQLite and PostgreSQL (the casts keep PostgreSQL from typing
 * bound values as text), scoped to the workspace.
 */
export async function updateColumns(
  scope: WorkspaceScope,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly { readonly id: number; readonly values: Readonly<Record<string, unknown>> }[],
  chunk = 200,
): Promise<void> {
  const names = Object.keys(columns);
  // SQLite in a transaction: one prepared single-row update run per row.
  const tx = await sqliteTransaction(scope.em);
  if (tx) {
    const sql = `update ${table} set ${names.map((c) => `${c} = ?`).join(", ")} where workspace_id = ? and id = ?`;
    for (const r of rows) tx.run(sql, [...names.map((c) => r.values[c] ?? null), scope.workspaceId, r.id]);
    return;
  }
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const sets = names.map((col) => {
      const whens = part.map((r) => {
        params.push(r.id, r.values[col] ?? null);
        return `when ? then cast(? as ${columns[col]})`;
      });
      return `${col} = case id ${whens.join(" ")} end`;
    });
    await scope.execute(
      `update ${table} set ${sets.join(", ")} where workspace_id = :workspace and id in (${part.map(() => "?").join(", ")})`,
      [...params, ...part.map((r) => r.id)],
    );
  }
}
