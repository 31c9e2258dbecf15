import type { MikroORM } from "@mikro-orm/core";

/** The answer of `GET /readyz`. */
export interface Readiness {
  readonly ready: boolean;
  /** `ok`, or why the server should not get traffic. */
  readonly status: "ok" | "shutting down" | "database unavailable" | "migrations pending";
  /** Names of the migrations not applied yet (when the ORM has a migrator). */
  readonly pendingMigrations?: readonly string[];
}

/**
 * Whether this server should get traffic: not while it shuts down (so a load
 * balancer drains it before the listener closes), only when the database
 * answers a query and every migration the ORM's migrator lists is applied.
 * An ORM without the migrator extension is checked for the database only.
 * Never throws: a failing check is a "not ready" answer.
 */
export async function checkReadiness(orm: MikroORM, shuttingDown: boolean): Promise<Readiness> {
  if (shuttingDown) return { ready: false, status: "shutting down" };
  try {
    await orm.em.getConnection().execute("select 1", [], "get");
  } catch {
    return { ready: false, status: "database unavailable" };
  }
  let migrator: ReturnType<MikroORM["getMigrator"]> | undefined;
  try {
    migrator = orm.getMigrator();
  } catch {
    // No migrator extension registered: the schema is managed elsewhere.
    return { ready: true, status: "ok" };
  }
  try {
    const pending = (await migrator.getPendingMigrations()).map((m) => m.name);
    return pending.length === 0 ? { ready: true, status: "ok" } : { ready: false, status: "migrations pending", pendingMigrations: pending };
  } catch {
    return { ready: false, status: "database unavailable" };
  }
}
