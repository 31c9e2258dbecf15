import type { EntityManager } from "@mikro-orm/knex";
import { dialect } from "./sqlDialect.js";
import { preparedStatements, type PreparedStatements, type SqliteConnection } from "./preparedStatements.js";

/**
 * SQL inside a SQLite transaction, run on the transaction's own connection
 * with bound parameters and cached prepared statements ({@link preparedStatements}).
 *
 * Why: MikroORM's `Connection.execute` inlines parameters into the SQL text
 * (formatQuery) before handing it to knex, so every statement of an
 * ingestion batch is new text: escaped value by value, then prepared from
 * scratch, and a 1,000-row batch spent more time there than in SQLite.
 * PostgreSQL keeps the ORM path. Returns the statements of `em`'s open SQLite
 * transaction; null outside one or on PostgreSQL.
 */
export async function sqliteTransaction(em: EntityManager): Promise<PreparedStatements | null> {
  const trx = em.getTransactionContext() as { client?: { acquireConnection?: () => Promise<unknown> } } | undefined;
  if (!trx?.client?.acquireConnection || dialect(em) !== "sqlite") return null;
  const db = (await trx.client.acquireConnection()) as SqliteConnection | undefined;
  if (typeof db?.prepare !== "function") return null;
  return preparedStatements(db, em.config.getLogger(), "write");
}
