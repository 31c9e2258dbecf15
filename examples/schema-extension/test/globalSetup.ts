import type { TestProject } from "vitest/node";
import { findPgBin, startPostgres, type TempPostgres } from "@engagekit/server/tempPostgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a throwaway PostgreSQL cluster, or "" when none could be started. */
    pgClusterUrl: string;
    pgBin: string;
  }
}

let pg: TempPostgres | undefined;

/** A real PostgreSQL for the plugin's suite, as in apps/server (skips with a message without binaries unless ENGAGEKIT_REQUIRE_POSTGRES=1). */
export async function setup(project: TestProject): Promise<void> {
  const bin = findPgBin();
  if (!bin) {
    const msg = "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)";
    if (process.env.ENGAGEKIT_REQUIRE_POSTGRES === "1") throw new Error(`${msg}; required because ENGAGEKIT_REQUIRE_POSTGRES=1`);
    console.warn(`skipping PostgreSQL tests: ${msg}`);
    project.provide("pgClusterUrl", "");
    project.provide("pgBin", "");
    return;
  }
  pg = await startPostgres(bin);
  project.provide("pgClusterUrl", pg.url);
  project.provide("pgBin", bin);
}

export async function teardown(): Promise<void> {
  pg?.stop();
}
