import type { Logger } from "@mikro-orm/core";

/**
 * Bound-parameter SQL on one better-sqlite3 connection through a cache of
 * prepared statements: the statement text stays fixed and only the values
 * change, as in a hand-written better-sqlite3 loop. Statements still reach
 * the ORM's query log (tests count them there). One instance per connection,
 * shared by the read path ({@link openSqlReader}) and the transaction path
 * ({@link sqliteTransaction}).
 */
export interface PreparedStatements {
  all<T>(sql: string, params: readonly unknown[]): T[];
  /** As `all`, each row as an array of its columns in select order (no object per row: the cheaper read for many rows). */
  values<T extends readonly unknown[]>(sql: string, params: readonly unknown[]): T[];
  run(sql: string, params: readonly unknown[]): { changes: number };
}

/** The part of a better-sqlite3 connection used here. */
export interface SqliteConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number }; raw(on: boolean): unknown };
}

/** Statements kept prepared per connection (each distinct SQL text; IN-lists vary with batch size). */
const CACHE_SIZE = 256;
const byConnection = new WeakMap<SqliteConnection, PreparedStatements>();

/** The prepared statements of `db`, created on first use and then reused. */
export function preparedStatements(db: SqliteConnection, logger: Logger, name: "read" | "write"): PreparedStatements {
  const known = byConnection.get(db);
  if (known) return known;
  const cache = new Map<string, ReturnType<SqliteConnection["prepare"]>>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const logging = logger.isEnabled("query");
  const log = (sql: string, params: readonly unknown[], started: number, results: number) =>
    logger.logQuery({ level: "info", query: sql, params: [...params], took: Date.now() - started, results, connection: { type: name, name: `sqlite-${name}` } });
  // One read path for both row shapes. Raw mode is a statement flag: set for that call only,
  // so the cached statement serves objects and arrays alike.
  const read = <T>(sql: string, params: readonly unknown[], raw: boolean): T[] => {
    const started = logging ? Date.now() : 0;
    const stmt = prepared(sql);
    if (raw) stmt.raw(true);
    try {
      const rows = stmt.all(...bindables(params)) as T[];
      if (logging) log(sql, params, started, rows.length);
      return rows;
    } finally {
      if (raw) stmt.raw(false);
    }
  };
  const statements: PreparedStatements = {
    all: <T>(sql: string, params: readonly unknown[]) => read<T>(sql, params, false),
    values: <T extends readonly unknown[]>(sql: string, params: readonly unknown[]) => read<T>(sql, params, true),
    run(sql: string, params: readonly unknown[]) {
      const started = logging ? Date.now() : 0;
      const result = prepared(sql).run(...bindables(params));
      if (logging) log(sql, params, started, result.changes);
      return result;
    },
  };
  byConnection.set(db, statements);
  return statements;
}

/** `params` ready to bind; the same array when nothing needs converting (the usual case: ids and strings). */
function bindables(params: readonly unknown[]): readonly unknown[] {
  for (const value of params) if (value instanceof Date || typeof value === "boolean") return params.map(bindable);
  return params;
}

/** As knex's better-sqlite3 dialect binds values: dates as epoch ms, booleans as 0/1. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}
