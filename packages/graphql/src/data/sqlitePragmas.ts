/**
 * The pragmas every SQLite connection engagekit opens gets, and why:
 *
 * - `journal_mode = WAL`: readers run beside the single writer.
 * - `synchronous = FULL`: in WAL mode SQLite fsyncs the WAL at every commit,
 *   so a transaction that returned (an acknowledged ingestion) survives a
 *   process kill *and* a power loss or OS crash. `NORMAL` would survive a
 *   process kill only (the last commits can roll back on power loss); the
 *   cost of FULL is one fsync per commit, and ingestion commits once per
 *   batch of up to 10,000 items.
 * - `secure_delete = ON`: deleted and overwritten content is zeroed in the
 *   file instead of lingering in free space, so an erased customer's values
 *   cannot be read back from the file bytes (see eraseCustomer). Every write
 *   needs it, not only the erasure: an ingestion rewriting a customer row
 *   would otherwise leave the old copy (email included) in a freed cell.
 * - `busy_timeout = 5000`: a second connection waits for the writer's lock
 *   instead of failing at once with SQLITE_BUSY.
 */
export const SQLITE_PRAGMAS: readonly string[] = ["journal_mode = WAL", "synchronous = FULL", "secure_delete = ON", "busy_timeout = 5000"];

/** Applies {@link SQLITE_PRAGMAS} to a better-sqlite3 connection. */
export function applySqlitePragmas(db: { pragma?: (sql: string) => unknown }): void {
  for (const p of SQLITE_PRAGMAS) db.pragma?.(p);
}
