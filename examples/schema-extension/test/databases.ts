import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { DatabaseTarget } from "@engagekit/graphql";
import { createDatabase } from "@engagekit/server/tempPostgres";

/** A GraphQL answer as the tests read it. */
export interface Gql<T> {
  status?: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The databases every suite runs on: a real SQLite file always, the PostgreSQL globalSetup started when there is one. */
export const dbs = [
  { name: "sqlite", available: true },
  { name: "postgresql", available: inject("pgClusterUrl") !== "" },
];

/** A fresh, empty database of `kind`, named after `label`. */
export function target(kind: string, label: string): { target: DatabaseTarget; cleanup: () => void } {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `ek-${label}-`));
    return { target: { sqliteFile: join(dir, `${label}.sqlite`) }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  return { target: { url: createDatabase(inject("pgClusterUrl"), `ek_${label}_${process.pid}_${Date.now()}`, inject("pgBin")) }, cleanup: () => {} };
}
