import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, createSchema, createServer, issueApiKey, rolesOf, ROLES, WorkspaceSchema, type EngagekitServer, type Role } from "@engagekit/graphql";
import type { EntityManager } from "@mikro-orm/knex";
import { Extensions, Int, Mutation, Query, Resolver } from "type-graphql";
import { ensureWorkspace } from "../src/seed.js";
import { databases, startApp, type App, type GqlResponse } from "./harness.js";
import { CATALOG, FIXTURE, PERSONAL_SENTINELS, createFixtureCustomer, workspaceDigest, type FixtureRefs } from "./operationCatalog.js";

const SECRET = "auth-test-server-secret-0123456789";

/** Every root field of the schema engagekit builds, as `Query.x` / `Mutation.y`. */
async function schemaRootFields(): Promise<{ kind: "Query" | "Mutation"; name: string; roles: readonly Role[] }[]> {
  const schema = await createSchema();
  const out: { kind: "Query" | "Mutation"; name: string; roles: readonly Role[] }[] = [];
  for (const kind of ["Query", "Mutation"] as const) {
    const type = kind === "Query" ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(type?.getFields() ?? {})) out.push({ kind, name: field.name, roles: rolesOf(kind, field) });
  }
  return out;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const text = (res: unknown) => JSON.stringify(res) ?? "";
const codes = (res: GqlResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.["code"]);

@Resolver()
class PluginFieldsResolver {
  @Query(() => Int)
  @Extensions({ roles: ["admin", "writer"] })
  pluginWriterCount(): number {
    return 1;
  }

  @Query(() => Int)
  pluginDefaultCount(): number {
    return 2;
  }

  @Mutation(() => Int)
  pluginDefaultMutation(): number {
    return 3;
  }
}

describe("the role of a field a plugin or integrator adds", () => {
  it("should be the field's `roles` extension, else reader and up for queries and admin for mutations", async () => {
    const schema = await createSchema({ resolvers: [PluginFieldsResolver] });
    const q = schema.getQueryType()?.getFields() ?? {};
    const m = schema.getMutationType()?.getFields() ?? {};
    expect(rolesOf("Query", q["pluginWriterCount"] as never)).toEqual(["admin", "writer"]);
    expect(rolesOf("Query", q["pluginDefaultCount"] as never)).toEqual(["admin", "writer", "reader"]);
    expect(rolesOf("Mutation", m["pluginDefaultMutation"] as never)).toEqual(["admin"]);
  });
});

describe("the catalog of operations", () => {
  it("should list every root field of the schema exactly once (a new operation fails here until it is in the tenant and role matrices)", async () => {
    const fields = (await schemaRootFields()).map((f) => `${f.kind}.${f.name}`).sort();
    const listed = CATALOG.map((e) => e.field);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(fields);
  });
});

for (const db of databases()) {
  describe.skipIf(!db.available)(`API keys, roles and tenants on ${db.name}`, () => {
    let app: App;
    const ws: Record<string, number> = {};
    /** Admin keys of acme (A), beta (B) and gamma (the role matrix's workspace). */
    const admin: Record<string, string> = {};
    /** One key per role, in acme and in gamma. */
    const acmeKeys = {} as Record<Role, string>;
    const gammaKeys = {} as Record<Role, string>;
    const refs: Record<string, FixtureRefs> = {};

    async function keyOf(slug: string, role: Role, name = `${role} key`): Promise<{ key: string; id: string }> {
      const issued = await issueApiKey(app.orm, slug, { secret: SECRET, role, name });
      if (!issued) throw new Error("no key");
      return { key: issued.key, id: app.apiId("key", issued.row.id, ws[slug]) };
    }

    async function seed(slug: string): Promise<FixtureRefs> {
      await createFixtureCustomer(app.orm, slug);
      for (const step of FIXTURE) {
        const res = await app.gql(step.query, step.variables, bearer(admin[slug] as string));
        expect(res.errors, `${slug}: ${step.query}`).toBeUndefined();
      }
      const customers = await app.gql<{ customers: { edges: { node: { id: string } }[] } }>(`{ customers(first: 1) { edges { node { id } } } }`, undefined, bearer(admin[slug] as string));
      const actions = await app.gql<{ dueActions: { edges: { node: { id: string } }[] } }>(`{ dueActions(first: 1) { edges { node { id } } } }`, undefined, bearer(admin[slug] as string));
      const customerId = customers.data?.customers.edges[0]?.node.id;
      const actionId = actions.data?.dueActions.edges[0]?.node.id;
      // The detractor answer fired the fixture's trigger: a due action to name.
      expect(customerId).toBeDefined();
      expect(actionId).toBeDefined();
      return { customerId: customerId as string, actionId: actionId as string, spareKeyId: (await keyOf(slug, "reader", "spare")).id };
    }

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false, auth: { required: true, secret: SECRET, rateLimit: false } });
      for (const slug of ["acme", "beta", "gamma"]) {
        await ensureWorkspace(app.orm, slug, false, "");
        ws[slug] = (await (app.orm.em.fork() as EntityManager).findOneOrFail(WorkspaceSchema, { slug })).id;
        admin[slug] = (await keyOf(slug, "admin")).key;
      }
      for (const role of ROLES) {
        acmeKeys[role] = role === "admin" ? (admin["acme"] as string) : (await keyOf("acme", role)).key;
        gammaKeys[role] = role === "admin" ? (admin["gamma"] as string) : (await keyOf("gamma", role)).key;
      }
      refs["acme"] = await seed("acme");
      refs["gamma"] = await seed("gamma");
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it("should refuse requests without a valid key with 401 UNAUTHENTICATED and a Bearer challenge, before anything runs", async () => {
      const query = `{ workspace { slug } }`;
      const cases: [string, Record<string, string>][] = [
        ["no key", {}],
        ["not a bearer token", { authorization: "Basic YWRtaW46YWRtaW4=" }],
        ["malformed key", bearer("ek_short")],
        ["unknown key", bearer(`ek_${"A".repeat(10)}_${"b".repeat(32)}`)],
        ["a real key with one character changed", bearer(`${(admin["acme"] as string).slice(0, -1)}${(admin["acme"] as string).endsWith("x") ? "y" : "x"}`)],
      ];
      for (const [label, headers] of cases) {
        const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
        expect(res.status, label).toBe(401);
        expect(res.headers.get("www-authenticate"), label).toBe('Bearer realm="engagekit"');
        const body = (await res.json()) as GqlResponse<unknown>;
        expect(body.errors?.[0]?.extensions?.["code"], label).toBe("UNAUTHENTICATED");
        expect(body.data, label).toBeUndefined();
      }
      // The workspace header no longer picks anything: a key does. Naming another workspace than the key's is refused.
      const mine = await app.gql<{ workspace: { slug: string } }>(query, undefined, bearer(admin["beta"] as string));
      expect(mine.data?.workspace.slug).toBe("beta");
      const other = await app.gql(query, undefined, { ...bearer(admin["beta"] as string), "x-engagekit-workspace": "acme" });
      expect(other.status).toBe(403);
      expect(codes(other)).toEqual(["FORBIDDEN"]);
      expect(text(other)).not.toContain("acme");
    });

    it("should store only the prefix and an HMAC of each key, list prefixes only, and stop a rotated or revoked key at once", async () => {
      const created = await app.gql<{ createApiKey: { key: string; apiKey: { id: string; prefix: string; role: string } } }>(
        `mutation { createApiKey(name: "shop backend", role: writer) { key apiKey { id prefix role } } }`,
        undefined,
        bearer(admin["beta"] as string),
      );
      expect(created.errors).toBeUndefined();
      const issued = created.data?.createApiKey;
      expect(issued?.key).toMatch(/^ek_[0-9A-Za-z]{10}_[0-9A-Za-z]{32}$/);
      expect(issued?.key.startsWith(`${issued?.apiKey.prefix}_`)).toBe(true);
      const key = issued?.key as string;
      const secretPart = key.slice(key.lastIndexOf("_") + 1);
      // Nothing in the database holds the key or its secret part.
      const rows = await (app.orm.em.fork() as EntityManager).getConnection().execute(`select * from api_keys`);
      expect(text(rows)).not.toContain(secretPart);
      const listed = await app.gql<{ apiKeys: { prefix: string }[] }>(`{ apiKeys { id name role prefix createdAt rotatedAt revokedAt } }`, undefined, bearer(admin["beta"] as string));
      expect(listed.data?.apiKeys.map((k) => k.prefix)).toContain(issued?.apiKey.prefix);
      expect(text(listed)).not.toContain(secretPart);

      const ingest = `mutation { recordInteractions(input: [{ idempotencyKey: "w1", customer: { externalId: "b1" }, type: "page_view", channel: "web", occurredAt: "2026-11-02T10:00:00Z" }]) { created } }`;
      expect((await app.gql(ingest, undefined, bearer(key))).errors).toBeUndefined();
      const rotated = await app.gql<{ rotateApiKey: { key: string } }>(`mutation($id: ID!) { rotateApiKey(id: $id) { key apiKey { rotatedAt } } }`, { id: issued?.apiKey.id }, bearer(admin["beta"] as string));
      expect(rotated.errors).toBeUndefined();
      const newKey = rotated.data?.rotateApiKey.key as string;
      expect(newKey).not.toBe(key);
      expect((await app.gql(ingest, undefined, bearer(key))).status).toBe(401);
      expect((await app.gql(ingest, undefined, bearer(newKey))).errors).toBeUndefined();
      const revoked = await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: issued?.apiKey.id }, bearer(admin["beta"] as string));
      expect(revoked.errors).toBeUndefined();
      expect((await app.gql(ingest, undefined, bearer(newKey))).status).toBe(401);
      // Rotating a revoked key is a conflict; revoking it again changes nothing.
      expect(codes(await app.gql(`mutation($id: ID!) { rotateApiKey(id: $id) { key } }`, { id: issued?.apiKey.id }, bearer(admin["beta"] as string)))).toEqual(["CONFLICT"]);
      expect((await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: issued?.apiKey.id }, bearer(admin["beta"] as string))).errors).toBeUndefined();
      // The last active admin key cannot be revoked (nobody could manage keys afterwards).
      const betaKeys = await app.gql<{ apiKeys: { id: string; role: string; revokedAt: string | null }[] }>(`{ apiKeys { id role revokedAt } }`, undefined, bearer(admin["beta"] as string));
      const betaAdmin = betaKeys.data?.apiKeys.find((k) => k.role === "admin" && k.revokedAt === null);
      const last = await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: betaAdmin?.id }, bearer(admin["beta"] as string));
      expect(codes(last)).toEqual(["CONFLICT"]);
      // Bad input is a typed error at the argument.
      const badName = await app.gql(`mutation { createApiKey(name: "  ", role: reader) { key } }`, undefined, bearer(admin["beta"] as string));
      expect(badName.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
      const badRole = await app.gql(`mutation { createApiKey(name: "x", role: root) { key } }`, undefined, bearer(admin["beta"] as string));
      expect(codes(badRole)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    });

    it("should answer each role × each operation of the schema as the policy says: allowed, or 403 FORBIDDEN naming the field, with nothing changed", async () => {
      const policy = new Map((await schemaRootFields()).map((f) => [`${f.kind}.${f.name}`, f.roles]));
      const seen: Record<string, Record<Role, "allowed" | "forbidden">> = {};
      // Least powerful first, so the admin's destructive calls come last.
      for (const role of [...ROLES].reverse()) {
        for (const entry of CATALOG) {
          const allowed = (policy.get(entry.field) ?? []).includes(role);
          const before = allowed ? "" : await workspaceDigest(app.orm, ws["gamma"] as number);
          const res = await app.gql(entry.query, entry.variables?.(refs["gamma"] as FixtureRefs), bearer(gammaKeys[role]));
          const label = `${role} → ${entry.field}: ${text(res.errors)}`;
          if (allowed) {
            expect(codes(res), label).not.toContain("FORBIDDEN");
            expect(res.status, label).not.toBe(401);
          } else {
            expect(res.status, label).toBe(403);
            expect(res.errors?.[0]?.extensions, label).toMatchObject({ code: "FORBIDDEN", field: entry.field, role });
            expect(res.data, label).toBeUndefined();
            expect(await workspaceDigest(app.orm, ws["gamma"] as number), label).toBe(before);
          }
          (seen[entry.field] ??= {} as Record<Role, "allowed" | "forbidden">)[role] = allowed ? "allowed" : "forbidden";
        }
      }
      // The policy's shape, as documented: admin may do everything; writer ⊇ reader; analytics reads only.
      for (const [field, byRole] of Object.entries(seen)) {
        expect(byRole.admin, field).toBe("allowed");
        if (byRole.reader === "allowed") expect(byRole.writer, field).toBe("allowed");
        if (field.startsWith("Mutation.")) expect([byRole.reader, byRole.analytics], field).toEqual(["forbidden", "forbidden"]);
      }
      expect(seen["Query.exportCustomerData"]).toEqual({ admin: "allowed", writer: "forbidden", reader: "forbidden", analytics: "forbidden" });
      expect(seen["Mutation.eraseCustomer"]).toEqual({ admin: "allowed", writer: "forbidden", reader: "forbidden", analytics: "forbidden" });
      expect(seen["Mutation.recordInteractions"]).toEqual({ admin: "allowed", writer: "allowed", reader: "forbidden", analytics: "forbidden" });
    }, 180_000);

    it("should never send the analytics role a personal value, in any query it may call (a reader gets them: the check can fail)", async () => {
      const policy = new Map((await schemaRootFields()).map((f) => [`${f.kind}.${f.name}`, f.roles]));
      const queries = CATALOG.filter((e) => e.field.startsWith("Query.") && (policy.get(e.field) ?? []).includes("analytics"));
      expect(queries.length).toBeGreaterThan(30);
      let readerSaw = 0;
      for (const entry of queries) {
        const vars = entry.variables?.(refs["acme"] as FixtureRefs);
        const analytics = await app.gql(entry.query, vars, bearer(acmeKeys.analytics));
        expect(codes(analytics), entry.field).not.toContain("FORBIDDEN");
        for (const value of PERSONAL_SENTINELS) expect(text(analytics), `${entry.field} leaked ${value}`).not.toContain(value);
        const reader = await app.gql(entry.query, vars, bearer(acmeKeys.reader));
        if (PERSONAL_SENTINELS.some((v) => text(reader).includes(v))) readerSaw++;
      }
      // customers, customer, interactions and segment members carry them for a reader.
      expect(readerSaw).toBeGreaterThanOrEqual(4);
      // Masked, not dropped: the analytics role still sees the customer and the anonymous properties.
      const masked = await app.gql<{ customer: { externalId: string; email: null; traits: null } }>(`query($id: ID!) { customer(id: $id) { externalId email traits } }`, { id: refs["acme"]?.customerId }, bearer(acmeKeys.analytics));
      expect(masked.data?.customer).toEqual({ externalId: "acme-c1", email: null, traits: null });
      const props = await app.gql<{ interactions: { edges: { node: { type: string; properties: Record<string, unknown> | null } }[] } }>(`{ interactions(first: 10, filter: { type: "purchase" }) { edges { node { type properties } } } }`, undefined, bearer(acmeKeys.analytics));
      expect(props.data?.interactions.edges.map((e) => e.node.properties)).toEqual([{ sku: "SKU-ACME-1" }]);
    });

    it("should give a key of workspace B nothing of workspace A for every operation of the schema, and change nothing in A", async () => {
      const a = refs["acme"] as FixtureRefs;
      const sentinels = [...PERSONAL_SENTINELS, "acme-c1", "acme-vip", "acme-map", "acme_desk", "acme-detractor", "acme-survey", "Europe/London", "acme_kiosk", "acme_shop"];
      for (const entry of CATALOG) {
        const vars = entry.variables?.(a);
        const before = await workspaceDigest(app.orm, ws["acme"] as number);
        const asB = await app.gql(entry.query, vars, bearer(admin["beta"] as string));
        expect(codes(asB), entry.field).not.toContain("FORBIDDEN");
        expect(codes(asB), entry.field).not.toContain("INTERNAL_SERVER_ERROR");
        // Nothing of A in the answer (B's own objects may reuse A's keys after B's mutations, so only before them for keys).
        // Errors may quote what B itself sent (an unknown key, say); nothing else of A's.
        const sent = entry.query + text(vars);
        for (const value of entry.field.startsWith("Query.") ? sentinels : PERSONAL_SENTINELS) {
          expect(text(asB.data), `${entry.field} showed B ${value}`).not.toContain(value);
          if (!sent.includes(value)) expect(text(asB.errors), `${entry.field} told B ${value}`).not.toContain(value);
        }
        expect(await workspaceDigest(app.orm, ws["acme"] as number), `${entry.field} as B changed A`).toBe(before);
        // The same call works for A's admin: B's call was a real attempt, refused by the tenant boundary alone.
        const asA = await app.gql(entry.query, vars, bearer(admin["acme"] as string));
        if (entry.refusedBy) expect(codes(asA).filter((c) => c !== entry.refusedBy), `${entry.field} as A: ${text(asA.errors)}`).toEqual([]);
        else expect(asA.errors, `${entry.field} as A`).toBeUndefined();
        if (entry.field.startsWith("Query.") && !entry.refusedBy && !entry.alike) {
          // A's answer differs from B's: an unscoped read would answer both the same.
          expect(text(asA.data), `${entry.field}: A and B got the same answer`).not.toBe(text(asB.data));
        }
      }
    }, 180_000);

    it("should rate-limit each key on its own with 429 RATE_LIMITED and Retry-After", async () => {
      let server: EngagekitServer | undefined;
      try {
        server = await createServer({
          orm: app.orm,
          schema: await createSchema(),
          defaultWorkspace: "acme",
          logger: createLogger({ level: "silent" }),
          auth: { required: true, secret: SECRET, rateLimit: { perSecond: 0.01, burst: 3 } },
        });
        const url = await server.listen(0, "127.0.0.1");
        const call = (key: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify({ query: "{ workspace { slug } }" }) });
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await call(acmeKeys.reader)).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const limited = await call(acmeKeys.reader);
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(((await limited.json()) as GqlResponse<unknown>).errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: "rateLimit" });
        // Another key has its own bucket.
        expect((await call(acmeKeys.writer)).status).toBe(200);
      } finally {
        await server?.stop();
      }
    });
  });
}
