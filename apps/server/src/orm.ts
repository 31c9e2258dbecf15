import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MikroORM, type Options } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import { dialectOf, ormOptions, pluginMigrations, type DatabaseTarget, type EngagekitPlugin } from "@engagekit/graphql";
import { postgresqlMigrations } from "./migrations/postgresql/index.js";
import { sqliteMigrations } from "./migrations/sqlite/index.js";

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/**
 * Opens the database with the migrator attached. Migrations are listed
 * statically per dialect (SQLite and PostgreSQL DDL differ), so they run the
 * same from compiled JS and under the test runner. Plugins' entities are
 * registered and their migrations run after engagekit's, tracked in the same
 * table as `<plugin>:<name>` (see `pluginMigrations`).
 */
export async function openOrm(
  target: DatabaseTarget,
  options: { debug?: Options["debug"]; logger?: (m: string) => void; plugins?: readonly EngagekitPlugin[] } = {},
): Promise<MikroORM> {
  if ("sqliteFile" in target && target.sqliteFile !== ":memory:") mkdirSync(dirname(target.sqliteFile), { recursive: true });
  const dialect = dialectOf(target);
  return MikroORM.init(
    ormOptions(target, {
      extensions: [Migrator],
      migrations: {
        migrationsList: [...(dialect === "sqlite" ? sqliteMigrations : postgresqlMigrations), ...pluginMigrations(options.plugins ?? [], dialect)],
        path: resolve(srcDir, "migrations", dialect),
        emit: "ts",
        snapshot: false,
        transactional: true,
        allOrNothing: true,
      },
      ...(options.debug !== undefined ? { debug: options.debug } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    }, options.plugins ?? []),
  );
}

/** Applies pending migrations; returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
