import type { EntityManager, QueryBuilder } from "@mikro-orm/knex";
import { dialect } from "./sqlDialect.js";

/**
 * SQL inside a SQLite transaction, run on the transaction's own connection
 * with bound parameters and cached prepared statements.
 *
 * Why: MikroORM's `Connection.execute` inlines parameters into the SQL text
 * (formatQuery) before handing it to knex, so every statement of an
 * ingestion batch is new text: escaped value by value, then prepared from
 * scratch, and a 1,000-row batch spent more time there than in SQLite. Here
 * the statement text stays fixed and only the values change, as in a
 * hand-written better-sqlite3 loop. PostgreSQL keeps the ORM path.
 */
export interface TransactionStatements {
  all<T>(sql: string, params: readonly unknown[]): T[];
  run(sql: string, params: readonly unknown[]): { changes: number };
}

interface Statement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface Database {
  prepare(sql: string): Statement;
}

const CACHE_SIZE = 256;
const caches = new WeakMap<Database, Map<string, Statement>>();

/** The statements of `em`'s open SQLite transaction; null outside one or on PostgreSQL. */
export async function sqliteTransaction(em: EntityManager): Promise<TransactionStatements | null> {
  const trx = em.getTransactionContext() as { client?: { acquireConnection?: () => Promise<unknown> } } | undefined;
  if (!trx?.client?.acquireConnection || dialect(em) !== "sqlite") return null;
  const db = (await trx.client.acquireConnection()) as Database;
  if (typeof db?.prepare !== "function") return null;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const statements = cache;
  const prepared = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const logger = em.config.getLogger();
  const logging = logger.isEnabled("query");
  const log = (sql: string, params: readonly unknown[], started: number, results: number) =>
    logger.logQuery({ level: "info", query: sql, params: [...params], took: Date.now() - started, results, connection: { type: "write", name: "sqlite-transaction" } });
  return {
    all<T>(sql: string, params: readonly unknown[]): T[] {
      const started = logging ? Date.now() : 0;
      const rows = prepared(sql).all(...params.map(bindable)) as T[];
      if (logging) log(sql, params, started, rows.length);
      return rows;
    },
    run(sql: string, params: readonly unknown[]) {
      const started = logging ? Date.now() : 0;
      const result = prepared(sql).run(...params.map(bindable));
      if (logging) log(sql, params, started, result.changes);
      return result;
    },
  };
}

/** As knex's better-sqlite3 dialect binds values: dates as epoch ms, booleans as 0/1. */
export function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Plain rows of a query builder's query, on the transaction's statements when there are. */
export async function queryRows<T>(em: EntityManager, qb: QueryBuilder<object>): Promise<T[]> {
  const tx = await sqliteTransaction(em);
  if (tx) {
    const { sql, bindings } = qb.getKnexQuery().toSQL().toNative();
    return tx.all<T>(sql, bindings);
  }
  return qb.execute<T[]>("all", false);
}
