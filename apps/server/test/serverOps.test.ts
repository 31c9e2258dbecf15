import "reflect-metadata";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { Query, Resolver } from "type-graphql";
import { createLogger, createSchema, createServer, type EngagekitServer } from "@engagekit/graphql";
import { exampleOperations } from "../src/operations.js";
import { openOrm } from "../src/orm.js";
import { databases, freshTarget, startApp, type App } from "./harness.js";

const EMAIL = "jane.doe+ops@example.com";

/** Test-only: a resolver failing with an internal error that quotes personal data, as a driver error would. */
@Resolver()
class OpsTestResolver {
  @Query(() => Boolean)
  leaky(): boolean {
    throw new Error(`insert into customers (email) values ('${EMAIL}') failed for ${EMAIL}`);
  }
}

/** A pino destination that keeps every line. */
function memoryStream(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function post(url: string, query: string, variables?: Record<string, unknown>, operationName?: string) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables, operationName }) });
  return { status: res.status, requestId: res.headers.get("x-request-id"), body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const RECORD = `mutation Record($input: [InteractionInput!]!) { recordInteractions(input: $input) { received created } }`;
const interaction = (key: string, occurredAt: string) => ({
  idempotencyKey: key,
  customer: { externalId: EMAIL },
  type: "page_view",
  channel: "web",
  touchpoint: "product_page",
  occurredAt,
  properties: { email: EMAIL, note: `contact ${EMAIL}` },
});

describe("structured logs, limits (real HTTP, SQLite)", () => {
  let app: App;
  let server: EngagekitServer;
  let url: string;
  const log = memoryStream();

  beforeAll(async () => {
    app = await startApp("sqlite");
    server = await createServer({
      orm: app.orm,
      schema: await createSchema({ resolvers: [OpsTestResolver] }),
      defaultWorkspace: "demo",
      logger: createLogger({ destination: log.stream }),
    });
    url = await server.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.stop();
    await app?.close();
  });

  it("logs one JSON line per request with its id, method, path, status, duration, operation and error codes", async () => {
    const before = log.lines().length;
    const ok = await post(url, RECORD, { input: [interaction("ops-log-1", "2026-11-24T10:00:00Z")] }, "Record");
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const bad = await post(url, RECORD, { input: [interaction("ops-log-2", "not a date")] }, "Record");
    expect(bad.body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    // Refused by the core in the resolver (an InputError): logged with the code the client gets, not as internal.
    const core = await post(url, RECORD, { input: [{ ...interaction("ops-log-3", "2026-11-24T10:00:00Z"), channel: "no_such_channel" }] }, "Record");
    expect(core.body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const health = await fetch(url.replace(/graphql$/, "healthz"));
    expect(health.status).toBe(200);

    const lines = log.lines().slice(before).filter((l) => l["msg"] === "request");
    expect(lines).toHaveLength(4);
    const [first, second, coreLine, third] = lines;
    expect(coreLine).toMatchObject({ requestId: core.requestId, operation: "Record", errorCodes: ["BAD_USER_INPUT"] });
    expect(first).toMatchObject({ level: 30, requestId: ok.requestId, method: "POST", path: "/graphql", status: 200, operation: "Record" });
    expect(first).not.toHaveProperty("errorCodes");
    expect(typeof first?.["durationMs"]).toBe("number");
    expect(second).toMatchObject({ requestId: bad.requestId, status: bad.status, operation: "Record", errorCodes: ["BAD_USER_INPUT"] });
    expect(third).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
  });

  it("never logs the variables: an email in them (or in a GET query string) is nowhere in the log", async () => {
    const from = log.text().length;
    await post(url, RECORD, { input: [interaction("ops-log-3", "2026-11-24T11:00:00Z")] });
    await post(url, RECORD, { input: [interaction("ops-log-4", "2026-13-45T99:00:00Z")] });
    const get = await fetch(`${url}?query=${encodeURIComponent("query Q($e: String!) { __type(name: $e) { name } }")}&variables=${encodeURIComponent(JSON.stringify({ e: EMAIL }))}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(get.status, await get.clone().text()).toBe(200);
    await post(url, "{ leaky }");
    const written = log.text().slice(from);
    expect(written.split("\n").filter((l) => l.includes('"msg":"request"'))).toHaveLength(4);
    expect(written).not.toContain(EMAIL);
    expect(written).not.toContain("jane.doe");
  });

  it("logs an internal error at error level under the request id, its message scrubbed of quoted values and emails", async () => {
    const before = log.lines().length;
    const res = await post(url, "{ leaky }");
    expect(res.body.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: res.requestId } });
    const lines = log.lines().slice(before);
    const error = lines.find((l) => l["level"] === 50);
    expect(error).toMatchObject({ requestId: res.requestId, msg: "internal error" });
    expect((error?.["err"] as { message: string }).message).toBe("insert into customers (email) values ('?') failed for [email]");
    expect(lines.find((l) => l["msg"] === "request")).toMatchObject({ requestId: res.requestId, errorCodes: ["INTERNAL_SERVER_ERROR"] });
  });

  it("refuses a document over the token limit and an operation over the directive limit, naming the limit", async () => {
    const fields = Array.from({ length: 2600 }, (_, i) => `a${i}: __typename`).join(" ");
    const tokens = await post(url, `{ ${fields} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0]).toMatchObject({
      message: "the query has more than 5000 tokens, the limit (maxTokens)",
      extensions: { code: "GRAPHQL_PARSE_FAILED", limit: "maxTokens" },
    });
    const directives = await post(url, `{ ${Array.from({ length: 51 }, () => "__typename @include(if: true)").join(" ")} }`);
    expect(directives.status).toBe(400);
    expect(directives.body.errors?.[0]).toMatchObject({
      message: "51 directives exceed the limit of 50 (maxDirectives)",
      // Apollo gives every validation error this code; `limit` names the rule.
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "maxDirectives" },
    });
    const fifty = await post(url, `{ ${Array.from({ length: 50 }, () => "__typename @include(if: true)").join(" ")} }`);
    expect(fifty.body).toEqual({ data: { __typename: "Query" } });
  });

  it("counts directives in spread fragments, and both limits are configurable", async () => {
    const strict = await createServer({ orm: app.orm, schema: await createSchema(), defaultWorkspace: "demo", maxTokens: 30, maxDirectives: 2, logRequests: false, logger: createLogger({ level: "silent" }) });
    try {
      const strictUrl = await strict.listen(0, "127.0.0.1");
      const small = await post(strictUrl, "{ __typename }");
      expect(small.body).toEqual({ data: { __typename: "Query" } });
      const over = await post(strictUrl, `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: __typename`).join(" ")} }`);
      expect(over.body.errors?.[0]?.message).toBe("the query has more than 30 tokens, the limit (maxTokens)");
      const viaFragment = await post(strictUrl, "{ ...F ...F } fragment F on Query { __typename @skip(if: false) @include(if: true) }");
      expect(viaFragment.body.errors?.[0]?.extensions?.["limit"]).toBe("maxDirectives");
    } finally {
      await strict.stop();
    }
  });

  it("leaves the example operations and GraphiQL's introspection query under the default limits", async () => {
    for (const op of [...exampleOperations().map((o) => o.query), getIntrospectionQuery()]) {
      const res = await post(url, op);
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.["limit"]).filter((l) => l !== undefined);
      expect(codes).toEqual([]);
    }
  });
});

describe.each(databases())("/readyz on $name", ({ name, available }) => {
  it.skipIf(!available)("answers 200 when migrated, 503 while stopping (healthz stays 200), 503 with pending migrations or a closed database", async () => {
    const app = await startApp(name, { seed: false });
    const base = app.url.replace(/\/graphql$/, "");
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, status: "ok" });

      // A second server over the same database, stopping with a drain delay.
      const draining = await createServer({ orm: app.orm, schema: await createSchema(), defaultWorkspace: "demo", drainDelayMs: 400, logger: createLogger({ level: "silent" }) });
      const drainingBase = (await draining.listen(0, "127.0.0.1")).replace(/\/graphql$/, "");
      expect((await fetch(`${drainingBase}/readyz`)).status).toBe(200);
      const stopped = draining.stop();
      const during = await fetch(`${drainingBase}/readyz`);
      expect(during.status).toBe(503);
      expect(await during.json()).toEqual({ ready: false, status: "shutting down" });
      expect((await fetch(`${drainingBase}/healthz`)).status).toBe(200);
      const stillServing = await post(`${drainingBase}/graphql`, "{ __typename }");
      expect(stillServing.body).toEqual({ data: { __typename: "Query" } });
      await stopped;
      await expect(fetch(`${drainingBase}/readyz`)).rejects.toThrow();
    } finally {
      await app.close();
    }

    // A database whose migrations were never applied.
    const { target, cleanup } = freshTarget(name);
    const orm = await openOrm(target);
    const unmigrated = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo", logger: createLogger({ level: "silent" }) });
    try {
      const unmigratedBase = (await unmigrated.listen(0, "127.0.0.1")).replace(/\/graphql$/, "");
      const pending = await fetch(`${unmigratedBase}/readyz`);
      expect(pending.status).toBe(503);
      const body = (await pending.json()) as { status: string; pendingMigrations: string[] };
      expect(body.status).toBe("migrations pending");
      expect(body.pendingMigrations[0]).toMatch(/^Migration\d+_initial$/);
      expect((await fetch(`${unmigratedBase}/healthz`)).status).toBe(200);

      await orm.close(true);
      const closed = await fetch(`${unmigratedBase}/readyz`);
      expect(closed.status).toBe(503);
      expect(await closed.json()).toEqual({ ready: false, status: "database unavailable" });
    } finally {
      await unmigrated.stop();
      await orm.close(true);
      cleanup();
    }
  });
});
