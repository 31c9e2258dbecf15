import type { EntityManager } from "@mikro-orm/knex";

/** `sqlite` or `postgresql`, read off the connection in use. */
export function dialect(em: EntityManager): "sqlite" | "postgresql" {
  return em.getPlatform().constructor.name.toLowerCase().includes("postgre") ? "postgresql" : "sqlite";
}

/**
 * SQL for the UTC calendar month (`YYYY-MM`) of a datetime column. MikroORM
 * stores datetimes as epoch milliseconds in SQLite and as timestamptz in
 * PostgreSQL, so the expression differs.
 */
export function monthOf(em: EntityManager, column: string): string {
  return dialect(em) === "postgresql"
    ? `to_char(${column} at time zone 'UTC', 'YYYY-MM')`
    : `strftime('%Y-%m', ${column} / 1000, 'unixepoch')`;
}
