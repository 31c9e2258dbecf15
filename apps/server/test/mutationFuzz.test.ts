import "reflect-metadata";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import type { MikroORM } from "@mikro-orm/core";
import { createSchema } from "@engagekit/graphql";
import { databases, startApp, type App } from "./harness.js";

/**
 * Every code a rejected mutation may answer with. INTERNAL_SERVER_ERROR is not
 * one: a 500 or an unnamed failure is what the fuzzing looks for.
 */
const KNOWN_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "NOT_FOUND",
  "CONFLICT",
  "FAILED_PRECONDITION",
  "FORBIDDEN",
  "QUERY_TOO_COSTLY",
]);

const SEED = 1612;
/** Runs per database: every mutation gets about RUNS / mutations cases. */
const RUNS = 260;

/** A value of no input type at all: the wrong-type and malformed cases. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(-1, -0, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -1e-308),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "\uD800", "💥".repeat(64), "<script>", "'; drop table customers; --", "0x", "NaN", "1e9999"),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => "é".repeat(n)),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.integer({ min: 50, max: 2_000 }).map(deepJson),
);

/** `{"a":{"a":…}}` nested `depth` times. */
function deepJson(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Date-times, most of them out of range or malformed. */
const dateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.date({ min: new Date("1990-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("0000-01-01T00:00:00Z", "-271821-04-20T00:00:00Z", "+275760-09-13T00:00:00.001Z", "9999-12-31T23:59:60Z", "2026-02-30T00:00:00Z", "2026-11-24", "yesterday", "", "2026-11-24T25:00:00Z"),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
);

/** A value built from `type`: mostly well-formed, each part sometimes hostile, optional fields sometimes left out. */
function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const inner = (): fc.Arbitrary<unknown> => {
    const t = isNonNullType(type) ? type.ofType : type;
    if (isListType(t)) return fc.array(valueOf(t.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
    if (isInputObjectType(t)) {
      if (depth > 4) return fc.constant({});
      const fields = Object.values(t.getFields());
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      });
    }
    if (isEnumType(t)) return fc.oneof(fc.constantFrom(...t.getValues().map((v) => v.name)), fc.string({ maxLength: 8 }));
    if (isScalarType(t)) {
      switch (t.name) {
        case "String":
        case "ID":
          return fc.oneof(fc.constantFrom("demo", "product_page", "page_view", "web", "cdnow-0001", "a"), fc.string({ unit: "grapheme", maxLength: 30 }));
        case "Int":
          return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer());
        case "Float":
          return fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -100, max: 100 }));
        case "Boolean":
          return fc.boolean();
        case "DateTime":
          return dateTime;
        default:
          // JSON, JSONObject and any scalar added later.
          return fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), fc.integer({ min: 50, max: 2_000 }).map(deepJson));
      }
    }
    return fc.constant(null);
  };
  return fc.oneof({ weight: 5, arbitrary: inner() }, { weight: 1, arbitrary: hostile });
}

/** One mutation of the schema: its document (all arguments as variables) and the arbitrary of its variables. */
interface MutationCase {
  readonly name: string;
  readonly query: string;
  readonly variables: fc.Arbitrary<Record<string, unknown>>;
}

function mutationCases(fields: readonly GraphQLField<unknown, unknown>[]): MutationCase[] {
  return fields.map((field) => {
    const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
    const query = `mutation Fuzz${defs ? `(${defs})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
    const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, 0)])), {
      requiredKeys: field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
    });
    return { name: field.name, query, variables };
  });
}

/** Row count and a hash of every row of every table: equal checksums, equal databases. */
async function checksum(orm: MikroORM, kind: string): Promise<string> {
  const conn = orm.em.getConnection();
  const tables =
    kind === "sqlite"
      ? ((await conn.execute("select name from sqlite_master where type = 'table' order by name")) as { name: string }[]).map((r) => r.name)
      : ((await conn.execute("select tablename as name from pg_tables where schemaname = current_schema() order by tablename")) as { name: string }[]).map((r) => r.name);
  const hash = createHash("sha256");
  for (const table of tables) {
    const rows = ((await conn.execute(`select * from "${table}"`)) as Record<string, unknown>[]).map((row) =>
      JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]])),
    );
    rows.sort();
    hash.update(`${table}:${rows.length}\n${rows.join("\n")}\n`);
  }
  return hash.digest("hex");
}

describe.each(databases())("fuzzing every mutation with malformed input on $name", ({ name, available }) => {
  let app: App;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    if (!available) return;
    process.on("unhandledRejection", onUnhandled);
    app = await startApp(name, { seed: false });
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await app?.close();
  });

  it.skipIf(!available)("answers every case without a 500, with known error codes, and a rejected mutation leaves the database unchanged", async () => {
    const schema = await createSchema();
    const mutation = schema.getMutationType();
    expect(mutation).toBeDefined();
    const cases = mutationCases(Object.values(mutation?.getFields() ?? {}));
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const seen = new Map<string, { accepted: number; rejected: number }>(cases.map((c) => [c.name, { accepted: 0, rejected: 0 }]));

    let before = await checksum(app.orm, name);
    const byName = new Map(cases.map((c) => [c.name, c]));
    // Counterexamples print as { mutation, variables }.
    const caseArb = fc.constantFrom(...cases).chain((c) => c.variables.map((variables) => ({ mutation: c.name, variables })));
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ mutation: mutationName, variables }) => {
        const c = byName.get(mutationName);
        if (!c) throw new Error(`no case ${mutationName}`);
        const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: c.query, variables }) });
        const text = await res.text();
        expect(res.status, `${c.name}: ${text.slice(0, 500)}`).toBeLessThan(500);
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
        for (const e of body.errors ?? []) {
          expect(KNOWN_CODES.has(String(e.extensions?.code)), `${c.name}: ${e.extensions?.code} ${e.message.slice(0, 300)}`).toBe(true);
        }
        const after = await checksum(app.orm, name);
        const accepted = body.errors === undefined && body.data?.[c.name] !== undefined && body.data[c.name] !== null;
        const tally = seen.get(c.name);
        if (tally) tally[accepted ? "accepted" : "rejected"]++;
        if (!accepted) expect(after, `${c.name} was rejected (${body.errors?.[0]?.message.slice(0, 200)}) yet changed the database`).toBe(before);
        before = after;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Every mutation was tried and refused at least once (the generators reach each of them).
    for (const [mutationName, tally] of seen) expect(tally.rejected, mutationName).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
