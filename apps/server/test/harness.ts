import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, inject } from "vitest";
import { InputError, validateConsentRecord, type ConsentRecord } from "@engagekit/core";
import type { MikroORM } from "@mikro-orm/core";
import { createLogger, createSchema, createServer, idCodec, type AuthOptions, type DatabaseTarget, type EngagekitServer, type IdKind } from "@engagekit/graphql";
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
  /** The API's opaque id of SQL row `row` of kind `kind` (`cus`, `act`…) in the seeded workspace (or `workspaceId`), as this server writes it. */
  apiId(kind: IdKind, row: number | string, workspaceId?: number): string;
  /** The SQL row id of an API id of kind `kind` in the seeded workspace (or `workspaceId`); throws for one that does not decode there. */
  rowId(kind: IdKind, id: string, workspaceId?: number): number;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** Starts the app the way main.ts does, on `kind`, logging every SQL statement into `sql`. */
export async function startApp(kind: string, options: { seed?: boolean; auth?: AuthOptions } = {}): Promise<App> {
  const { target, cleanup } = freshTarget(kind);
  const sql: string[] = [];
  const orm = await openOrm(target, { debug: ["query"], logger: (m) => sql.push(m) });
  await migrate(orm);
  const seed = await ensureWorkspace(orm, "demo", options.seed ?? true, demoDataDir);
  // Warnings and errors only: one info line per request would bury the test output.
  const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo", logger: createLogger({ level: "warn" }), ...(options.auth ? { auth: options.auth } : {}) });
  const url = await server.listen(0, "127.0.0.1");
  // The codec of the server's secret (idCodec's default is the development secret, as createServer's).
  const ids = idCodec(options.auth?.secret);
  return {
    url,
    orm,
    server,
    seed,
    sql,
    apiId: (kind, row, workspaceId = seed.workspaceId) => ids.encode(kind, workspaceId, row),
    rowId(kind, id, workspaceId = seed.workspaceId) {
      const row = ids.decode(kind, workspaceId, id);
      if (row === null) throw new Error(`${JSON.stringify(id)} is not an id of kind ${kind} in workspace ${workspaceId}`);
      return row;
    },
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

/** The first GraphQL error of a response that must have failed (its data shown when it did not). */
export function firstError(res: GqlResponse<unknown>) {
  expect(res.errors, JSON.stringify(res.data)).toBeDefined();
  return res.errors?.[0];
}

/** The core's error (code and path) for a call, to compare with what the API reports. */
export function coreError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected the core to refuse the input");
}

/** A running built server (`npm start`): the child process, its URL and everything it printed so far. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Resolves to the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts the built server as `npm start` does, on a free port, with `env` over the inherited environment
 * (minus the variables named in `drop`), and waits for its banner.
 */
export async function startServerProcess(env: Record<string, string>, drop: readonly string[] = []): Promise<ServerProcess> {
  const entry = resolve(import.meta.dirname, "../dist/index.js");
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const name of drop) delete inherited[name];
  const child = spawn(process.execPath, [entry], { env: { ...inherited, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", r));
  const url = await new Promise<string>((res, rej) => {
    const timer = setInterval(() => {
      const m = /GraphQL on (http:\/\/\S+\/graphql)/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        res(m[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      rej(new Error(`server exited with ${code}: ${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}

/** A consent event as the API's setConsent takes it. */
export interface ConsentIn {
  idempotencyKey: string;
  customer: { externalId: string };
  purpose: string;
  channel?: string;
  status: string;
  at: string;
  source: string;
  expiresAt?: string;
}

/** The core's record of an API consent event, for the given customer id (the oracle the consent tests compare with). */
export function coreConsentRecord(e: ConsentIn, customerId: string): ConsentRecord {
  return validateConsentRecord({
    customerId,
    purpose: e.purpose,
    ...(e.channel === undefined ? {} : { channel: e.channel }),
    status: e.status,
    at: Date.parse(e.at),
    source: e.source,
    ...(e.expiresAt === undefined ? {} : { expiresAt: Date.parse(e.expiresAt) }),
  });
}

/** The fields {@link dueActionsAsCore} needs of a due action. */
export interface DueActionIds {
  id: string;
  triggerId: string;
  cause: string;
  dedupKey: string;
  customer: { id: string };
}

/**
 * Every recorded action of a trigger through the API (each status, every
 * page of `query`, which takes `$first`, `$after`, `$status` and `$trigger`
 * and selects `pageInfo { hasNextPage endCursor }` and the
 * {@link DueActionIds} fields), oldest first, with the API's opaque ids
 * turned into row ids as the core names them: the action, its customer, and
 * the customer inside the dedup key (checked to be the opaque one first).
 */
export async function dueActionsAsCore<N extends DueActionIds>(app: App, query: string, trigger: string): Promise<N[]> {
  type Page = { dueActions: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] } };
  const out: N[] = [];
  for (const status of ["PENDING", "DEFERRED", "DROPPED", "HELD_OUT", "BLOCKED", "DONE"]) {
    let after: string | null = null;
    for (;;) {
      const res: GqlResponse<Page> = await app.gql<Page>(query, { first: 100, after, status, trigger });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const page = (res.data as Page).dueActions;
      for (const { node } of page.edges) {
        const customer = String(app.rowId("cus", node.customer.id));
        expect(node.dedupKey).toBe(`${node.triggerId}|${node.customer.id}|${node.cause}`);
        out.push({ ...node, id: String(app.rowId("act", node.id)), customer: { ...node.customer, id: customer }, dedupKey: `${node.triggerId}|${customer}|${node.cause}` });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  }
  return out.sort((a, b) => Number(a.id) - Number(b.id));
}
