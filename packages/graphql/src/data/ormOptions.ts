import type { Options } from "@mikro-orm/core";
import { BetterSqliteDriver } from "@mikro-orm/better-sqlite";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { entities, workspaceScopedEntities } from "../entities/index.js";
import type { EngagekitPlugin } from "../plugins/EngagekitPlugin.js";
import { pluginEntities } from "../plugins/pluginMigrations.js";
import { applySqlitePragmas } from "./sqlitePragmas.js";

/** Where the data lives: a PostgreSQL URL, or an SQLite file (the default). */
export type DatabaseTarget = { readonly url: string } | { readonly sqliteFile: string };

/** The SQL dialect of a target, which picks the migration set. */
export function dialectOf(target: DatabaseTarget): "sqlite" | "postgresql" {
  return "url" in target ? "postgresql" : "sqlite";
}

/** Name of the filter that scopes every read to the request's workspace. */
export const WORKSPACE_FILTER = "workspace";

/**
 * MikroORM options for engagekit's entities on either driver. The workspace
 * filter is on by default and takes the workspace id as a required
 * parameter, so an unscoped read fails loudly instead of leaking tenants.
 * Plugins' entities are added; those with a `workspace` property are scoped
 * by the same filter.
 */
export function ormOptions(target: DatabaseTarget, extra: Partial<Options> = {}, plugins: readonly EngagekitPlugin[] = []): Options {
  const extraEntities = pluginEntities(plugins);
  const scoped = [...workspaceScopedEntities, ...extraEntities.filter((e) => "workspace" in e.meta.properties)];
  const common: Options = {
    entities: [...entities, ...extraEntities],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    filters: {
      [WORKSPACE_FILTER]: {
        cond: (args: { id: number }) => ({ workspace: args.id }),
        entity: scoped.map((e) => e.meta.className),
        default: true,
        args: true,
      },
    },
    discovery: { warnWhenNoEntities: false },
  };
  if ("url" in target) {
    return { ...common, driver: PostgreSqlDriver, clientUrl: target.url, ...extra } as Options;
  }
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: target.sqliteFile,
    // WAL, synchronous = FULL, secure_delete: see SQLITE_PRAGMAS for why.
    pool: { afterCreate: (conn: { pragma?: (s: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
      applySqlitePragmas(conn);
      done(null, conn);
    } },
    ...extra,
  } as Options;
}
