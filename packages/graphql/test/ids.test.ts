import { createDecipheriv, createHmac } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { GraphQLID, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, getNamedType, graphql, isInputObjectType, isObjectType, type GraphQLSchema as Schema } from "graphql";
import { createSchema, DEVELOPMENT_SECRET, ID_COORDINATES, ID_KINDS, IdCodec, idCodec, KEY_STRING, UNKNOWN_ROW_ID } from "../src/index.js";
import { BoundedCache } from "../src/ids/BoundedCache.js";
import { opaqueDedupKey } from "../src/ids/opaqueDedupKey.js";
import { cursorCoordinates, ID_CODEC, opaqueIds } from "../src/ids/opaqueIds.js";

const kinds = Object.keys(ID_KINDS);
const kind = fc.constantFrom(...kinds);
const workspace = fc.integer({ min: 0, max: 0xffff_ffff });
const row = fc.maxSafeInteger().filter((n) => n >= 0);

/** Every `ID`-typed coordinate of a schema: `Type.field`, `Type.field(arg)`, `Input.field`. */
function idCoordinates(schema: Schema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type) === GraphQLID) out.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (getNamedType(arg.type) === GraphQLID) out.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (getNamedType(field.type) === GraphQLID) out.push(`${type.name}.${field.name}`);
    }
  }
  return out.sort();
}

describe("IdCodec", () => {
  const codec = new IdCodec("a test secret");

  test.prop([kind, workspace, row])("decodes what it encodes, for the same kind and workspace only", (k, ws, id) => {
    const encoded = codec.encode(k, ws, id);
    expect(codec.decode(k, ws, encoded)).toBe(id);
    expect(codec.decode(k, ws === 0 ? 1 : ws - 1, encoded)).toBeNull();
    for (const other of kinds) if (other !== k) expect(codec.decode(other, ws, encoded)).toBeNull();
  });

  test.prop([kind, workspace, row])("writes `<kind>_` and 22 base64url characters, not a number", (k, ws, id) => {
    const encoded = codec.encode(k, ws, id);
    expect(encoded).toMatch(new RegExp(`^${k}_[A-Za-z0-9_-]{22}$`));
    expect(Number.isFinite(Number(encoded))).toBe(false);
  });

  test.prop([kind, workspace, row])("encodes the same way every time and from the row id's digits", (k, ws, id) => {
    const fresh = new IdCodec("a test secret", 1);
    expect(fresh.encode(k, ws, String(id))).toBe(codec.encode(k, ws, id));
    expect(fresh.encode(k, ws, id)).toBe(fresh.encode(k, ws, id));
  });

  test.prop([kind, workspace, row])("gives other ids under another secret, which this secret does not decode", (k, ws, id) => {
    const other = new IdCodec("another secret");
    expect(other.encode(k, ws, id)).not.toBe(codec.encode(k, ws, id));
    expect(codec.decode(k, ws, other.encode(k, ws, id))).toBeNull();
  });

  test.prop([kind, workspace, fc.string({ minLength: 22, maxLength: 22 })])("decodes a forged id as null (almost surely: 2⁻⁷⁵ per try)", (k, ws, body) => {
    expect(codec.decode(k, ws, `${k}_${body}`)).toBeNull();
  });

  it("should decode raw row numbers, the old base64 cursors and non-strings as null", () => {
    for (const raw of ["5", "0", "", "cus_", Buffer.from("id:5").toString("base64url"), 5, null, undefined, {}]) expect(codec.decode("cus", 1, raw)).toBeNull();
  });

  it("should follow its documented layout: AES-128-ECB, key = HMAC-SHA-256(secret, 'engagekit ids')[0..16], block = kind, version 1, uint32 workspace, uint64 row", () => {
    // Reference: the layout in IdCodec's doc comment, decrypted here with node:crypto independently of the codec.
    const key = createHmac("sha256", "a test secret").update("engagekit ids").digest().subarray(0, 16);
    const decipher = createDecipheriv("aes-128-ecb", key, null).setAutoPadding(false);
    const id = codec.encode("ord", 7, 2 ** 40 + 3);
    const block = Buffer.concat([decipher.update(Buffer.from(id.slice(4), "base64url")), decipher.final()]);
    expect([...block]).toEqual([0x6f, 0x72, 0x64, 1, 0, 0, 0, 7, 0, 0, 1, 0, 0, 0, 0, 3]);
  });

  it("should refuse to encode what is not a row id", () => {
    expect(() => codec.encode("cus", 1, "abc")).toThrow(RangeError);
    expect(() => codec.encode("cus", 1, -1)).toThrow(RangeError);
    expect(() => codec.encode("cus", 1, 2 ** 53)).toThrow(RangeError);
    expect(() => codec.encode("Cust", 1, 1)).toThrow(RangeError);
    expect(() => codec.encode("cus", -1, 1)).toThrow(RangeError);
    expect(() => new IdCodec("")).toThrow(RangeError);
  });

  it("should share one codec per secret, the development secret by default", () => {
    expect(idCodec()).toBe(idCodec(DEVELOPMENT_SECRET));
    expect(idCodec().encode("cus", 1, 1)).toBe(new IdCodec(DEVELOPMENT_SECRET).encode("cus", 1, 1));
  });
});

describe("BoundedCache", () => {
  test.prop([fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 })])("holds at most its capacity, and always the last key set", (capacity, keys) => {
    const cache = new BoundedCache<number, string>(capacity);
    for (const k of keys) {
      cache.set(k, `v${k}`);
      expect(cache.size).toBeLessThanOrEqual(capacity);
      expect(cache.get(k)).toBe(`v${k}`);
    }
  });

  it("should drop the oldest insertion first", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});

describe("ID_COORDINATES", () => {
  it("should classify every ID-typed field, argument and input field of the schema (row id of a kind, or key string)", async () => {
    const unclassified = idCoordinates(await createSchema()).filter((c) => !(c in ID_COORDINATES));
    expect(unclassified, "classify them in packages/graphql/src/ids/idCoordinates.ts").toEqual([]);
  });

  it("should name only ID-typed coordinates that exist, with a kind of ID_KINDS or KEY_STRING", async () => {
    const present = new Set(idCoordinates(await createSchema()));
    for (const [coordinate, k] of Object.entries(ID_COORDINATES)) {
      expect(present.has(coordinate), coordinate).toBe(true);
      expect([...kinds, KEY_STRING], coordinate).toContain(k);
    }
  });

  it("should find every connection's cursor fields and after arguments by shape", async () => {
    const found = [...cursorCoordinates(await createSchema())].sort();
    // The connections of schema.graphql (`…Connection` types and the fields returning them).
    expect(found).toEqual(
      [
        "AnalyticsExportEdge.cursor", "CustomerEdge.cursor", "DueActionEdge.cursor", "InteractionEdge.cursor", "PageInfo.endCursor", "SegmentEdge.cursor", "TriggerEdge.cursor",
        "Query.analyticsExport(after)", "Query.customers(after)", "Query.dueActions(after)", "Query.interactions(after)", "Query.segments(after)", "Query.triggers(after)", "Segment.members(after)",
      ].sort(),
    );
  });
});

describe("opaqueDedupKey", () => {
  const encode = (kind: string, row: unknown) => `${kind}<${String(row)}>`;
  it("should replace the customer row id of trigger|customer|cause, whatever the trigger and the cause hold", () => {
    expect(opaqueDedupKey("renewal|12|date:x@1", encode, { triggerId: "renewal" })).toBe("renewal|cus<12>|date:x@1");
    expect(opaqueDedupKey("a|b|7|interaction:k|1", encode, { triggerId: "a|b" })).toBe("a|b|cus<7>|interaction:k|1");
  });

  it("should leave a key that is not of that shape as it is", () => {
    expect(opaqueDedupKey("other|12|x", encode, { triggerId: "renewal" })).toBe("other|12|x");
    expect(opaqueDedupKey("renewal|c1|x", encode, { triggerId: "renewal" })).toBe("renewal|c1|x");
    expect(opaqueDedupKey(null, encode, { triggerId: "renewal" })).toBeNull();
  });
});

describe("opaqueIds", () => {
  // A small schema of the same shapes: an id field, an id argument, an input field, a cursor, a plugin field.
  function tinySchema(): Schema {
    const pageInfo = new GraphQLObjectType({ name: "PageInfo", fields: { endCursor: { type: GraphQLString } } });
    const thing = new GraphQLObjectType({
      name: "Customer",
      fields: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        planId: { type: GraphQLID, extensions: { idKind: "pln" } },
      },
    });
    const edge = new GraphQLObjectType({ name: "CustomerEdge", fields: { cursor: { type: GraphQLString }, node: { type: thing } } });
    const connection = new GraphQLObjectType({ name: "CustomerConnection", fields: { edges: { type: new GraphQLList(edge) }, pageInfo: { type: pageInfo } } });
    const filter = new GraphQLInputObjectType({
      name: "InteractionFilterInput",
      fields: { customerId: { type: GraphQLID }, other: { type: GraphQLString }, planIds: { type: new GraphQLList(GraphQLID), extensions: { idKind: "pln" } } },
    });
    const rows = [{ id: "1", planId: "9" }, { id: "2", planId: null }];
    return new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          customer: { type: thing, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_s, args: { id: string }) => ({ id: args.id, planId: null }) },
          seen: { type: GraphQLString, args: { filter: { type: filter } }, resolve: (_s, args: { filter?: { customerId?: string; other?: string } }) => JSON.stringify(args.filter) },
          plan: { type: GraphQLString, args: { planId: { type: GraphQLID } }, extensions: { idKindArgs: { planId: "pln" } }, resolve: (_s, args: { planId?: string }) => args.planId ?? null },
          customers: {
            type: connection,
            args: { after: { type: GraphQLString } },
            resolve: async (_s, args: { after?: string }) => {
              const page = rows.filter((r) => Number(r.id) > Number(args.after ?? 0));
              return { edges: page.map((r) => ({ cursor: r.id, node: r })), pageInfo: { endCursor: page.at(-1)?.id ?? null } };
            },
          },
        },
      }),
    });
  }
  const codec = new IdCodec("opaque test");
  const context = { workspace: { id: 3 }, [ID_CODEC]: codec };
  const run = async (schema: Schema, source: string, contextValue: object = context) => {
    const r = await graphql({ schema, source, contextValue });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data as Record<string, unknown>;
  };

  it("should encode ids and cursors on the way out and decode them on the way in, once however often it is applied", async () => {
    const schema = tinySchema();
    opaqueIds(schema);
    opaqueIds(schema);
    const page = (await run(schema, "{ customers { edges { cursor node { id planId } } pageInfo { endCursor } } }")) as { customers: { edges: { cursor: string; node: { id: string; planId: string | null } }[]; pageInfo: { endCursor: string } } };
    expect(page.customers.edges.map((e) => e.node)).toEqual([{ id: codec.encode("cus", 3, 1), planId: codec.encode("pln", 3, 9) }, { id: codec.encode("cus", 3, 2), planId: null }]);
    expect(page.customers.edges.map((e) => e.cursor)).toEqual([codec.encode("cur", 3, 1), codec.encode("cur", 3, 2)]);
    const next = (await run(schema, `{ customers(after: "${page.customers.edges[0]?.cursor}") { edges { node { id } } } }`)) as { customers: { edges: unknown[] } };
    expect(next.customers.edges).toEqual([{ node: { id: codec.encode("cus", 3, 2) } }]);
    const id = codec.encode("cus", 3, 42);
    expect(await run(schema, `{ customer(id: "${id}") { id } }`)).toEqual({ customer: { id } });
    expect(await run(schema, `{ seen(filter: { customerId: "${id}", other: "x" }) }`)).toEqual({ seen: JSON.stringify({ customerId: "42", other: "x" }) });
    // A plugin's kinds, by extension: an argument, and a list in an input field.
    expect(await run(schema, `{ plan(planId: "${codec.encode("pln", 3, 9)}") }`)).toEqual({ plan: "9" });
    expect(await run(schema, `{ plan(planId: "${id}") }`)).toEqual({ plan: UNKNOWN_ROW_ID });
    expect(await run(schema, `{ seen(filter: { planIds: ["${codec.encode("pln", 3, 9)}", "9"] }) }`)).toEqual({ seen: JSON.stringify({ planIds: ["9", UNKNOWN_ROW_ID] }) });
  });

  it("should hand resolvers UNKNOWN_ROW_ID for raw numbers, other workspaces' and other kinds' ids, and refuse such cursors", async () => {
    const schema = tinySchema();
    opaqueIds(schema);
    for (const foreign of ["42", codec.encode("cus", 4, 42), codec.encode("ord", 3, 42), new IdCodec("other").encode("cus", 3, 42)]) {
      expect(await run(schema, `{ seen(filter: { customerId: "${foreign}" }) }`)).toEqual({ seen: JSON.stringify({ customerId: UNKNOWN_ROW_ID }) });
      const r = await graphql({ schema, source: `{ customers(after: "${foreign}") { edges { cursor } } }`, contextValue: context });
      expect(r.errors?.[0]?.message).toMatch(/after requires a cursor returned by this API/);
    }
  });

  it("should leave ids raw for a context without a codec (in-process execution)", async () => {
    const schema = tinySchema();
    opaqueIds(schema);
    expect(await run(schema, `{ customer(id: "5") { id } }`, { workspace: { id: 3 } })).toEqual({ customer: { id: "5" } });
  });
});
