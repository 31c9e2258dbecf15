import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { inject } from "vitest";
import type { MikroORM } from "@mikro-orm/core";
import { createSchema, createServer, type DatabaseTarget, type EngagekitServer } from "@engagekit/graphql";
import { migrate, openOrm } from "../src/orm.js";
import { ensureWorkspace, type SeedReport } from "../src/seed.js";
import { createDatabase } from "../src/tempPostgres.js";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const demoDataDir = join(repoRoot, "datasets");

/** The databases every HTTP suite runs against: a real SQLite file always, a real PostgreSQL when available. */
export function databases(): { name: string; available: boolean }[] {
  return [
    { name: "sqlite", available: true },
    { name: "postgresql", available: inject("pgClusterUrl") !== "" },
  ];
}

let counter = 0;

/** A fresh, empty database of the given kind. */
export function freshTarget(kind: string): { target: DatabaseTarget; cleanup: () => void } {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "ek-test-"));
    return { target: { sqliteFile: join(dir, "engagekit.sqlite") }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ek_${process.pid}_${Date.now()}_${counter++}`;
  return { target: { url: createDatabase(inject("pgClusterUrl"), name, inject("pgBin")) }, cleanup: () => {} };
}

/** A running app: migrated, seeded database, real HTTP server on a free port. */
export interface App {
  readonly url: string;
  readonly orm: MikroORM;
  readonly server: EngagekitServer;
  readonly seed: SeedReport;
  readonly sql: string[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** Starts the app the way main.ts does, on `kind`, logging every SQL statement into `sql`. */
export async function startApp(kind: string, options: { seed?: boolean } = {}): Promise<App> {
  const { target, cleanup } = freshTarget(kind);
  const sql: string[] = [];
  const orm = await openOrm(target, { debug: ["query"], logger: (m) => sql.push(m) });
  await migrate(orm);
  const seed = await ensureWorkspace(orm, "demo", options.seed ?? true, demoDataDir);
  const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo" });
  const url = await server.listen(0, "127.0.0.1");
  return {
    url,
    orm,
    server,
    seed,
    sql,
    async gql(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await server.stop();
      await orm.close(true);
      cleanup();
    },
  };
}
