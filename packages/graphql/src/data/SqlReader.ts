import type { MikroORM } from "@mikro-orm/core";
import { applySqlitePragmas } from "./sqlitePragmas.js";
import { preparedStatements, type SqliteConnection } from "./preparedStatements.js";

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
  values<T extends readonly unknown[]>(sql: string, params: readonly unknown[]): T[];
  close(): void;
}

interface Database extends SqliteConnection {
  pragma(sql: string): unknown;
  close(): void;
}
interface KnexClientLike {
  connectionSettings?: { filename?: string };
  driver?: new (filename: string) => Database;
}

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
  applySqlitePragmas(db);
  // A read path: refuse writes outright rather than trust every caller.
  db.pragma("query_only = 1");
  const statements = preparedStatements(db, orm.config.getLogger(), "read");
  return {
    all: <T>(sql: string, params: readonly unknown[]) => statements.all<T>(sql, params),
    values: <T extends readonly unknown[]>(sql: string, params: readonly unknown[]) => statements.values<T>(sql, params),
    close: () => db.close(),
  };
}
