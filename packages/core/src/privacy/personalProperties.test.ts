import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_PERSONAL_PROPERTY_KEYS, normalizePropertyKey, stripPersonalProperties } from "./personalProperties.js";

/** Every key at any depth of a JSON value. */
function keysOf(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(k), keysOf(x, out);
  return out;
}
/** Every string at any depth of a JSON value. */
function stringsOf(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) stringsOf(x, out);
  return out;
}

const key = fc.oneof(fc.constantFrom("email", "first_name", "Phone", "sku", "price", "utm", "IP-Address", "note"), fc.string({ maxLength: 6 }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
  object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
})).object as fc.Arbitrary<Record<string, unknown>>;

describe("stripPersonalProperties", () => {
  it("should treat snake, camel and kebab spellings of a key as one key", () => {
    expect(normalizePropertyKey("first_name")).toBe(normalizePropertyKey("firstName"));
    expect(normalizePropertyKey("First-Name")).toBe("firstname");
  });

  it("should remove flagged keys and values containing the customer's values at any depth, and keep the rest", () => {
    const r = stripPersonalProperties(
      { sku: "A-1", email: "x@y.z", nested: { First_Name: "Ann", contact: "mail ANN@EXAMPLE.COM now", qty: 2 }, tags: ["vip", "ann@example.com"] },
      DEFAULT_PERSONAL_PROPERTY_KEYS,
      ["ann@example.com"],
    );
    expect(r).toEqual({ properties: { sku: "A-1", nested: { qty: 2 }, tags: ["vip"] }, removed: 4 });
  });

  it("should return null for nothing left, and ignore needles under 3 characters", () => {
    expect(stripPersonalProperties({ email: "a@b.c" }, ["email"])).toEqual({ properties: null, removed: 1 });
    expect(stripPersonalProperties({ a: "xy" }, [], ["xy"])).toEqual({ properties: { a: "xy" }, removed: 0 });
    expect(stripPersonalProperties(null, ["email"])).toEqual({ properties: null, removed: 0 });
  });

  it("should keep a JSON key named __proto__ as a plain key", () => {
    const r = stripPersonalProperties(JSON.parse('{"__proto__": {"sku": 1}, "email": "e"}') as Record<string, unknown>, ["email"]);
    expect(Object.getPrototypeOf(r.properties)).toBe(Object.prototype);
    expect(Object.keys(r.properties ?? {})).toEqual(["__proto__"]);
  });

  it("law: no flagged key and no string containing a needle survives, at any depth", () => {
    fc.assert(
      fc.property(json, fc.array(key, { maxLength: 3 }), fc.array(fc.string({ minLength: 3, maxLength: 5 }), { maxLength: 2 }), (props, keys, needles) => {
        const { properties } = stripPersonalProperties(props, keys, needles);
        const flagged = new Set(keys.map(normalizePropertyKey));
        expect(keysOf(properties).filter((k) => flagged.has(normalizePropertyKey(k)))).toEqual([]);
        const lowered = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3);
        expect(stringsOf(properties).filter((s) => lowered.some((n) => s.toLowerCase().includes(n)))).toEqual([]);
      }),
    );
  });

  it("law: idempotent, and the identity when nothing is flagged", () => {
    fc.assert(
      fc.property(json, fc.array(key, { maxLength: 3 }), (props, keys) => {
        const once = stripPersonalProperties(props, keys);
        expect(stripPersonalProperties(once.properties, keys)).toEqual({ properties: once.properties, removed: 0 });
        const none = stripPersonalProperties(props, []);
        expect(none.removed).toBe(0);
        expect(none.properties).toEqual(Object.keys(props).length === 0 ? null : props);
      }),
    );
  });
});
