import type { MikroORM } from "@mikro-orm/core";
import { bindable } from "./sqliteTransaction.js";

/**
 * A synchronous read path for SQLite: its own connection to the same file
 * and a cache of prepared statements. Going through knex costs a pool
 * acquire, a fresh `prepare` and several promise hops per statement, which
 * is most of a nested list request's time; this path is what a hand-written
 * better-sqlite3 handler does. Only used for reads outside a transaction: in
 * WAL mode this connection sees the last committed state (a transaction's
 * own reads stay on the transaction's connection).
 */
export interface SqlReader {
  all<T>(sql: string, params: readonly unknown[]): T[];
  close(): void;
}

interface Statement {
  all(...params: unknown[]): unknown[];
}
interface Database {
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  close(): void;
}
interface KnexClientLike {
  config?: { client?: unknown };
  connectionSettings?: { filename?: string };
  driver?: new (filename: string) => Database;
}

/** Statements kept prepared (each distinct SQL text; IN-lists vary with batch size). */
const CACHE_SIZE = 256;

/**
 * Opens a reader for an ORM on a SQLite file; null for PostgreSQL or an
 * in-memory database (a second connection would see another database).
 */
export function openSqlReader(orm: MikroORM): SqlReader | null {
  const connection = orm.em.getConnection() as unknown as { getKnex?: () => { client: KnexClientLike } };
  const client = connection.getKnex?.().client;
  const filename = client?.connectionSettings?.filename;
  const Driver = client?.driver;
  if (!Driver || !filename || filename === ":memory:" || filename.startsWith("file::memory:")) return null;
  if (orm.config.get("driver")?.name !== "BetterSqliteDriver") return null;
  const db = new Driver(filename);
  db.pragma("journal_mode = WAL");
  // A read path: refuse writes outright rather than trust every caller.
  db.pragma("query_only = 1");
  const cache = new Map<string, Statement>();
  // Statements go to the ORM's query log like every other (tests count them there).
  const logger = orm.config.getLogger();
  const logging = logger.isEnabled("query");
  return {
    all<T>(sql: string, params: readonly unknown[]): T[] {
      if (logging) {
        const started = Date.now();
        const rows = run<T>(sql, params);
        logger.logQuery({ level: "info", query: sql, params: [...params], took: Date.now() - started, results: rows.length, connection: { type: "read", name: "sqlite-reader" } });
        return rows;
      }
      return run<T>(sql, params);
    },
    close() {
      cache.clear();
      db.close();
    },
  };

  function run<T>(sql: string, params: readonly unknown[]): T[] {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    // As knex's better-sqlite3 dialect binds them: dates as epoch ms, booleans as 0/1.
    return stmt.all(...params.map(bindable)) as T[];
  }
}

