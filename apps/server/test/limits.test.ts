import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { Arg, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { createLogger, createSchema, createServer, type EngagekitServer } from "@engagekit/graphql";
import { loadConfig } from "../src/config.js";
import { exampleOperations } from "../src/operations.js";
import { databases, startApp, startServerProcess, type App } from "./harness.js";

/** The issue's query: depth 10, under the depth limit, that ran past 120 s and took the server down. */
const DOS_QUERY =
  "{ customers(first:100) { edges { node { segments { members(first:100) { edges { node { segments { key memberCount members(first:100) { totalCount } } } } } } } } } }";

@ObjectType("SlowStep")
class SlowStep {
  @Field(() => Int)
  depth!: number;
}

/** How many `next` resolvers have started, across the tests. */
let stepsStarted = 0;

/** Test-only resolvers: a chain of slow steps and a field failing with an internal error. */
@Resolver(() => SlowStep)
class LimitsTestResolver {
  @Query(() => SlowStep)
  slow(): SlowStep {
    return { depth: 0 };
  }

  @FieldResolver(() => SlowStep, { description: "Resolves after `ms` milliseconds." })
  async next(@Root() step: SlowStep, @Arg("ms", () => Int, { defaultValue: 100 }) ms: number): Promise<SlowStep> {
    stepsStarted++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { depth: step.depth + 1 };
  }

  @Query(() => Int)
  broken(): number {
    throw new Error("select secret from credentials where path = '/srv/engagekit/secret.ts'");
  }
}

interface Reply {
  status: number;
  headers: Headers;
  ms: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, variables?: Record<string, unknown>, apiKey?: string): Promise<Reply> {
  const t0 = performance.now();
  const headers = { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Reply["body"];
  return { status: res.status, headers: res.headers, ms: performance.now() - t0, body };
}

/** `{ slow { next(ms) { next(ms) { … depth } } } }`: `steps` sequential steps of `ms` each. */
const SLOW_CHAIN = (steps: number, ms: number) => `{ slow { ${`next(ms: ${ms}) { `.repeat(steps)}depth${" }".repeat(steps)} } }`;

describe("limits and production mode (real HTTP, SQLite demo data)", () => {
  let app: App;
  /** Extra servers over the same database, with the test resolvers and other options. */
  const extra: EngagekitServer[] = [];
  async function serve(options: Partial<Parameters<typeof createServer>[0]> = {}): Promise<{ url: string; server: EngagekitServer }> {
    const server = await createServer({
      orm: app.orm,
      schema: await createSchema({ resolvers: [LimitsTestResolver] }),
      defaultWorkspace: "demo",
      ...options,
    });
    extra.push(server);
    return { url: await server.listen(0, "127.0.0.1"), server };
  }

  beforeAll(async () => {
    app = await startApp("sqlite");
  });
  afterAll(async () => {
    for (const server of extra) await server.stop();
    await app?.close();
  });

  it("should refuse the issue's query in milliseconds, before execution, with the computed cost and the limit", async () => {
    await post(app.url, "{ __typename }"); // resolves (and caches) the workspace: the one query a request makes before execution
    const sqlBefore = app.sql.length;
    const res = await post(app.url, DOS_QUERY);
    expect(res.status).toBe(400);
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    // 1 + 100 × (1 + (1 + (1 + 10 × (1 + 100 × (1 + (1 + (1 + 10 × (1 + 1 + (1 + 100 × 1)))))))))
    expect(error?.extensions?.cost).toBe(103_301_301);
    expect(error?.extensions?.maxCost).toBe(25_000);
    expect(error?.message).toMatch(/^query cost 103301301 exceeds the limit of 25000 \(maxQueryCost\)/);
    expect(res.body.data).toBeUndefined();
    expect(app.sql.length).toBe(sqlBefore); // not one statement ran
    expect(res.ms).toBeLessThan(250);
    // Sent again (the same parsed document, its cost kept): refused again with the same cost.
    const again = await post(app.url, DOS_QUERY);
    expect(again.status).toBe(400);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", cost: 103_301_301 });
    expect(app.sql.length).toBe(sqlBefore);
  });

  it("should count variables and refuse the same shape with first: $n only when $n makes it too costly", async () => {
    const query = "query($n: Int!) { customers(first: $n) { edges { node { segments { members(first: $n) { edges { node { id } } } } } } } }";
    const small = await post(app.url, query, { n: 5 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    const large = await post(app.url, query, { n: 100 });
    expect(large.status).toBe(400);
    // 1 + 100 × (1 + (1 + (1 + 10 × (1 + 100 × (1 + (1 + 1))))))
    expect(large.body.errors?.[0]?.extensions?.cost).toBe(1 + 100 * (1 + (1 + (1 + 10 * (1 + 100 * 3)))));
  });

  it("should run every example operation under the default limits", async () => {
    const ops = exampleOperations();
    expect(ops.length).toBeGreaterThanOrEqual(9);
    for (const op of ops) {
      const res = await post(app.url, op.query);
      expect({ op: op.name, status: res.status, errors: res.body.errors }).toEqual({ op: op.name, status: 200, errors: undefined });
    }
  });

  it("should answer GraphiQL's full introspection query in development, and bound nested introspection by depth", async () => {
    const full = await post(app.url, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    // __type, 5 × (fields, type), fields, name: 13 levels, refused by the depth limit (12), which now counts `__` fields
    // (graphql-js's MaxIntrospectionDepthRule refuses it too, for its nested `fields` lists).
    const nested = `{ __type(name: "Customer") { ${"fields { type { ".repeat(5)}fields { name }${" } }".repeat(5)} } }`;
    const deep = await post(app.url, nested);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.map((e) => e.message)).toContain("query depth 13 exceeds the limit of 12");
  });

  it("should turn introspection off when asked (production's default), with a clear error", async () => {
    const { url } = await serve({ introspection: false });
    const res = await post(url, "{ __schema { types { name } } }");
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const data = await post(url, "{ customers(first: 1) { totalCount } }");
    expect(data.status).toBe(200);
  });

  it("should never send a stack trace (parse, validation, bad JSON, unknown workspace, internal errors)", async () => {
    const { url } = await serve();
    const original = console.error;
    console.error = () => {}; // the internal error is logged; that is tested below
    const replies = [
      await post(url, "{ customers("),
      await post(url, "{ noSuchField }"),
      await post(url, "{ customers(first: 1000) { totalCount } }"),
      await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-engagekit-workspace": "acme" }, body: JSON.stringify({ query: "{ customers { totalCount } }" }) }).then(async (r) => ({ status: r.status, text: await r.text() })),
      await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" }).then(async (r) => ({ status: r.status, text: await r.text() })),
      await post(url, "{ broken }"),
    ];
    console.error = original;
    for (const reply of replies) {
      const text = "text" in reply ? reply.text : JSON.stringify(reply.body);
      expect(text).not.toMatch(/stacktrace|\/work\/|node_modules|at [A-Za-z.]+ \(/);
    }
  });

  it("should mask an internal error: no message, no SQL, the request id in the body, the header and the log", async () => {
    // The server's logger writes JSON lines; keep them to read the error's line back.
    let logged = "";
    const destination = new Writable({ write: (chunk: Buffer, _enc, done) => void ((logged += chunk.toString()), done()) });
    const { url } = await serve({ logger: createLogger({ destination }) });
    const res = await post(url, "{ broken }");
    const error = res.body.errors?.[0];
    expect(error?.message).toBe("Internal server error");
    expect(JSON.stringify(res.body)).not.toContain("secret");
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId });
    const lines = logged.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; requestId?: string; err?: { message: string } });
    // Logged under the request id, its quoted values scrubbed (see logger.ts).
    expect(lines.some((l) => l.level === 50 && l.requestId === requestId && l.err?.message === "select secret from credentials where path = '?'")).toBe(true);
  });

  it("should answer a failing extra route with a generic 500 (never err.message), the request id and the security headers", async () => {
    const { url } = await serve({
      routes: () => {
        throw new Error("ENOENT: /srv/engagekit/private/file");
      },
    });
    const original = console.error;
    console.error = () => {};
    let res: Response;
    try {
      res = await fetch(url.replace(/graphql$/, "dashboard"));
    } finally {
      console.error = original;
    }
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("ENOENT");
    expect(JSON.parse(text)).toEqual({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: res.headers.get("x-request-id") } }] });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("should send the security headers on every response, and a CSP allowing only the IDE page's own scripts", async () => {
    const base = app.url.replace(/\/graphql$/, "");
    const responses = [
      await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ csat { n } }" }) }),
      await fetch(`${base}/healthz`),
      await fetch(`${base}/nowhere`),
      await fetch(`${base}/graphiql`),
    ];
    for (const res of responses) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      await res.arrayBuffer();
    }
    const ide = responses[3]!.headers.get("content-security-policy") ?? "";
    // The page has one inline <script> (GraphiQL and Monaco bundled), allowed by its hash.
    expect(ide).toMatch(/script-src 'self' blob: 'sha256-[A-Za-z0-9+/=]{44}'(;| 'sha256-)/);
    expect(ide).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(ide).toMatch(/connect-src 'self'/);
    expect(responses[0]!.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });

  it("should abandon a request at its deadline with TIMEOUT, run none of its later resolvers, and keep /healthz answering", async () => {
    const { url } = await serve({ requestTimeoutMs: 300 });
    const before = stepsStarted;
    let settled = false;
    const slow = post(url, SLOW_CHAIN(10, 100)).finally(() => (settled = true)); // 10 steps of 100 ms: 1 s without a deadline
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await fetch(url.replace(/graphql$/, "healthz"));
    expect(health.status).toBe(200);
    expect(settled).toBe(false); // answered while the slow request was running
    const res = await slow;
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("TIMEOUT");
    expect(res.body.errors?.[0]?.message).toBe("the request did not finish within the execution deadline of 300 ms (requestTimeoutMs) and was abandoned");
    expect(res.ms).toBeGreaterThanOrEqual(290);
    expect(res.ms).toBeLessThan(900);
    const startedAtDeadline = stepsStarted - before;
    expect(startedAtDeadline).toBeLessThanOrEqual(5); // about 300 / 100 + 1
    expect(startedAtDeadline).toBeGreaterThanOrEqual(1);
    // Long after the chain would have finished: no step started after the deadline (the one in flight finished).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stepsStarted - before).toBe(startedAtDeadline);
    // The same server still answers normally.
    const ok = await post(url, SLOW_CHAIN(1, 10));
    expect(ok.body).toEqual({ data: { slow: { next: { depth: 1 } } } });
  });

  it("should stop within the shutdown deadline while a request is stuck, destroying its connection", async () => {
    const { url, server } = await serve({ requestTimeoutMs: 60_000, shutdownTimeoutMs: 300 });
    const stuck = post(url, SLOW_CHAIN(5, 2000)).then(
      (reply) => reply.status,
      () => "connection closed",
    ); // 10 s without a deadline
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = performance.now();
    await server.stop();
    const stopMs = performance.now() - t0;
    expect(stopMs).toBeGreaterThanOrEqual(290);
    expect(stopMs).toBeLessThan(2000);
    expect([503, "connection closed"]).toContain(await stuck);
  });

  it("should apply the cost and depth limits read from the environment", async () => {
    const config = loadConfig({ ENGAGEKIT_MAX_QUERY_COST: "100", ENGAGEKIT_MAX_DEPTH: "3" });
    const { url } = await serve({ maxQueryCost: config.maxQueryCost, maxDepth: config.maxDepth });
    expect((await post(url, "{ customers(first: 99) { totalCount } }")).body.errors).toBeUndefined(); // 1 + 99 × 1
    const costly = await post(url, "{ customers(first: 100) { totalCount } }");
    expect(costly.body.errors?.[0]?.message).toMatch(/^query cost 101 exceeds the limit of 100 \(maxQueryCost\)/);
    const deep = await post(url, "{ customers { edges { node { id } } } }");
    expect(deep.body.errors?.[0]?.message).toBe("query depth 4 exceeds the limit of 3");
  });
});

describe("configuration: development and production mode", () => {
  it("should default to development on loopback with introspection and GraphiQL on", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: "development", host: "127.0.0.1", introspection: true, graphiql: true, maxQueryCost: 25_000, maxDepth: 12, costListSize: 10, requestTimeoutMs: 10_000, shutdownTimeoutMs: 10_000 });
  });

  it("should switch to production with NODE_ENV=production or ENGAGEKIT_AUTH=required: all interfaces, introspection and GraphiQL off", () => {
    const secret = { ENGAGEKIT_SECRET: "a-secret-of-16-chars-or-more" };
    for (const env of [{ NODE_ENV: "production", ...secret }, { ENGAGEKIT_AUTH: "required", ...secret }]) {
      expect(loadConfig(env)).toMatchObject({ mode: "production", host: "0.0.0.0", introspection: false, graphiql: false, authRequired: true, secret: secret.ENGAGEKIT_SECRET });
    }
    expect(loadConfig({ NODE_ENV: "production", ENGAGEKIT_INTROSPECTION: "true", ...secret })).toMatchObject({ introspection: true, graphiql: true });
    expect(loadConfig({ NODE_ENV: "production", ENGAGEKIT_HOST: "10.0.0.5", HOST: "10.0.0.6", ...secret }).host).toBe("10.0.0.5");
    // Keys are required in production unless turned off explicitly (a gateway authenticates); never in development.
    expect(loadConfig({ NODE_ENV: "production", ENGAGEKIT_AUTH: "off" })).toMatchObject({ mode: "production", authRequired: false });
    expect(loadConfig({})).toMatchObject({ mode: "development", authRequired: false, rateLimit: { perSecond: 100, burst: 200 } });
    expect(loadConfig({ ENGAGEKIT_RATE_LIMIT: "5" }).rateLimit).toEqual({ perSecond: 5, burst: 10 });
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("should name the variable and the rule of a bad value", () => {
    expect(() => loadConfig({ ENGAGEKIT_MAX_QUERY_COST: "lots" })).toThrow('ENGAGEKIT_MAX_QUERY_COST must be an integer ≥ 1, got "lots"');
    expect(() => loadConfig({ ENGAGEKIT_REQUEST_TIMEOUT_MS: "0" })).toThrow("ENGAGEKIT_REQUEST_TIMEOUT_MS must be an integer ≥ 1");
    expect(() => loadConfig({ ENGAGEKIT_AUTH: "maybe" })).toThrow('ENGAGEKIT_AUTH must be required or off, got "maybe"');
    expect(() => loadConfig({ ENGAGEKIT_INTROSPECTION: "sometimes" })).toThrow("ENGAGEKIT_INTROSPECTION must be true or false");
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow("ENGAGEKIT_SECRET must be set to at least 16 characters when API keys are required (it hashes them), got 0");
    expect(() => loadConfig({ ENGAGEKIT_AUTH: "required", ENGAGEKIT_SECRET: "short" })).toThrow("ENGAGEKIT_SECRET must be set to at least 16 characters");
    // The importer never handles a key: production mode without a secret is fine for it.
    expect(loadConfig({ NODE_ENV: "production" }, "/", { needsSecret: false })).toMatchObject({ mode: "production", authRequired: true });
    expect(() => loadConfig({ ENGAGEKIT_RATE_LIMIT: "-1" })).toThrow("ENGAGEKIT_RATE_LIMIT must be an integer ≥ 0");
  });
});

/** Runs the built server (`npm start`) with `env` until its banner, then `fn(url, output)`, then SIGTERM; resolves to the exit code. */
async function withProcess(env: Record<string, string>, fn: (url: string, output: () => string) => Promise<void>): Promise<number | null> {
  const server = await startServerProcess({ ENGAGEKIT_SEED: "false", ...env }, ["HOST", "ENGAGEKIT_HOST", "NODE_ENV"]);
  try {
    await fn(server.url, server.output);
  } finally {
    server.child.kill("SIGTERM");
  }
  return server.exited;
}

describe("the server process in each mode", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ek-limits-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("should listen on loopback in development when no host is configured", async () => {
    const code = await withProcess({ ENGAGEKIT_DB_FILE: join(dir, "dev.sqlite") }, async (url, output) => {
      expect(new URL(url).hostname).toBe("127.0.0.1");
      expect(output()).toContain("development mode");
      expect((await fetch(url.replace(/graphql$/, "graphiql"))).status).toBe(200);
    });
    expect(code).toBe(0);
  });

  it("should, with NODE_ENV=production, require a key (printing a bootstrap admin key once), refuse introspection, serve no IDE and send no stack trace", async () => {
    const env = { NODE_ENV: "production", HOST: "127.0.0.1", ENGAGEKIT_DB_FILE: join(dir, "prod.sqlite"), ENGAGEKIT_SECRET: "limits-test-secret-0123456789" };
    let key = "";
    const code = await withProcess(env, async (url, output) => {
      expect(output()).toContain("IDE off");
      expect(output()).toContain("production mode");
      key = /Bootstrap admin API key of workspace "demo"[^\n]*\n\n\s+(ek_\S+)/.exec(output())?.[1] ?? "";
      expect(key).toMatch(/^ek_/);
      // The JSON log names the key by its prefix, never the key itself.
      const logLines = output().split("\n").filter((l) => l.startsWith("{"));
      expect(logLines.some((l) => l.includes(key.slice(0, 13)))).toBe(true);
      expect(logLines.some((l) => l.includes(key))).toBe(false);
      const anonymous = await post(url, "{ customers { totalCount } }");
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
      const intro = await post(url, "{ __schema { types { name } } }", undefined, key);
      expect(intro.status).toBe(400);
      expect(intro.body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
      const type = await post(url, '{ __type(name: "Customer") { name } }', undefined, key);
      expect(type.status).toBe(400);
      expect((await fetch(url.replace(/graphql$/, "graphiql"))).status).toBe(404);
      for (const query of ["{ customers(", "{ noSuchField }", DOS_QUERY]) {
        const res = await post(url, query, undefined, key);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|node_modules|\/dist\//);
      }
      expect((await post(url, "{ customers { totalCount } }", undefined, key)).body).toEqual({ data: { customers: { totalCount: 0 } } });
    });
    expect(code).toBe(0);
    // A second start prints no key (the workspace has one); `engagekit keys create` makes another that works.
    const created = spawnSync(process.execPath, [join(import.meta.dirname, "../bin/engagekit.js"), "keys", "create", "--role", "reader", "--name", "dashboard"], { env: { ...process.env, ...env }, encoding: "utf8" });
    expect(created.status, created.stderr).toBe(0);
    const readerKey = created.stdout.trim();
    expect(readerKey).toMatch(/^ek_[0-9A-Za-z]{10}_[0-9A-Za-z]{32}$/);
    expect(created.stderr).toContain('created reader key');
    // It names the key by its API id (what rotateApiKey / revokeApiKey take), not its row number.
    const printedId = /\(id (key_[A-Za-z0-9_-]{22})\)/.exec(created.stderr)?.[1];
    expect(printedId, created.stderr).toBeDefined();
    const again = await withProcess(env, async (url, output) => {
      expect(output()).not.toContain("Bootstrap admin API key");
      const listed = (await post(url, "{ apiKeys { id name } }", undefined, key)).body as { data?: { apiKeys: { id: string; name: string }[] } };
      expect(listed.data?.apiKeys.find((k) => k.name === "dashboard")?.id).toBe(printedId);
      expect((await post(url, "{ customers { totalCount } }", undefined, key)).status).toBe(200);
      expect((await post(url, "{ customers { totalCount } }", undefined, readerKey)).status).toBe(200);
      expect((await post(url, 'mutation { deleteSegment(key: "x") }', undefined, readerKey)).body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", role: "reader" });
    });
    expect(again).toBe(0);
    const badRole = spawnSync(process.execPath, [join(import.meta.dirname, "../bin/engagekit.js"), "keys", "create", "--role", "root"], { env: { ...process.env, ...env }, encoding: "utf8" });
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of admin, writer, reader, analytics");
  });
});

for (const db of databases().filter((d) => d.name === "postgresql")) {
  describe.skipIf(!db.available)(`the cost limit on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should refuse the issue's query before any SQL, with the same cost", async () => {
      await post(app.url, "{ __typename }"); // resolves (and caches) the workspace
      const sqlBefore = app.sql.length;
      const res = await post(app.url, DOS_QUERY);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", cost: 103_301_301, maxCost: 25_000 });
      expect(app.sql.length).toBe(sqlBefore);
      expect(res.ms).toBeLessThan(250);
    });
  });
}
