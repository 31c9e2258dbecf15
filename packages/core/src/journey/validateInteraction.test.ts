import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { ChannelRegistry } from "./ChannelRegistry.js";
import { dedupeInteractions } from "./dedupeInteractions.js";
import type { Touchpoint } from "./Touchpoint.js";
import { validateInteraction } from "./validateInteraction.js";
import { validateInteractions } from "./validateInteractions.js";

const touchpoints: Touchpoint[] = [
  { id: "home", name: "Home page", channel: "web", stages: ["awareness"], ownership: "owned", emits: [] },
  { id: "welcome_email", name: "Welcome email", channel: "email", stages: ["consideration"], ownership: "owned", emits: ["email_open", "email_click"] },
];
const ok = { id: "e1", customer: { kind: "email", value: "ana@example.com" }, timestamp: 1_700_000_000_000, touchpoint: "home", type: "page_view" };

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("validateInteraction", () => {
  it("should normalise a valid record: channel from the touchpoint, ISO and Date timestamps to epoch ms", () => {
    const r = validateInteraction({ ...ok, timestamp: "2024-01-02T00:00:00Z", value: 12.5, properties: { sku: "A" } }, { touchpoints });
    expect(r).toEqual({ ...ok, timestamp: Date.UTC(2024, 0, 2), channel: "web", value: 12.5, properties: { sku: "A" } });
    expect(validateInteraction({ ...ok, timestamp: new Date(Date.UTC(2024, 0, 2)) }, { touchpoints }).timestamp).toBe(Date.UTC(2024, 0, 2));
    expect(validateInteraction({ ...ok, timestamp: "2024-01-02 10:00:00" }, { touchpoints }).timestamp).toBe(Date.UTC(2024, 0, 2, 10));
    expect(validateInteraction({ ...ok, customer: "u1" }, { touchpoints }).customer).toEqual({ kind: "userId", value: "u1" });
  });

  it.each([
    [{ ...ok, touchpoint: "nope" }, "JOURNEY.UNKNOWN_REFERENCE", ["touchpoint"]],
    [{ ...ok, channel: "fax" }, "JOURNEY.UNKNOWN_REFERENCE", ["channel"]],
    [{ ...ok, channel: "email" }, "METRIC.INCONSISTENT", ["channel"]],
    [{ ...ok, touchpoint: "welcome_email", type: "purchase" }, "METRIC.INCONSISTENT", ["type"]],
    [{ ...ok, timestamp: "yesterday" }, "JOURNEY.INVALID_TIMESTAMP", ["timestamp"]],
    [{ ...ok, timestamp: "2024-13-45" }, "JOURNEY.INVALID_TIMESTAMP", ["timestamp"]],
    [{ ...ok, timestamp: Number.NaN }, "JOURNEY.INVALID_TIMESTAMP", ["timestamp"]],
    [{ ...ok, timestamp: new Date("x") }, "JOURNEY.INVALID_TIMESTAMP", ["timestamp"]],
    [{ ...ok, timestamp: true }, "JOURNEY.INVALID_TIMESTAMP", ["timestamp"]],
    [{ ...ok, id: "" }, "JOURNEY.INVALID_FIELD", ["id"]],
    [{ ...ok, customer: { kind: "email" } }, "JOURNEY.INVALID_FIELD", ["customer", "value"]],
    [{ ...ok, identifiers: [{ kind: "phone", value: "1" }, 3] }, "JOURNEY.INVALID_FIELD", ["identifiers", 1]],
    [{ ...ok, properties: [1] }, "JOURNEY.INVALID_FIELD", ["properties"]],
    [{ ...ok, value: Number.POSITIVE_INFINITY }, "METRIC.NOT_FINITE", ["value"]],
    [null, "JOURNEY.INVALID_FIELD", []],
  ] as const)("should reject %j with %s at its path", (raw, code, path) => {
    const e = errorOf(() => validateInteraction(raw, { touchpoints }, ["batch", 7]));
    expect(e.code).toBe(code);
    expect(e.path).toEqual(["batch", 7, ...path]);
    expect(e.message).toMatch(/^validateInteraction requires /);
    expect(e.message.endsWith(".")).toBe(false);
  });

  it("should accept a channel registered by the integrator", () => {
    const channels = new ChannelRegistry().register({ id: "kiosk", name: "Kiosk", kind: "physical" });
    const kiosk: Touchpoint = { id: "k1", name: "Kiosk", channel: "kiosk", stages: [], ownership: "owned", emits: [] };
    expect(validateInteraction({ ...ok, touchpoint: "k1" }, { touchpoints: [kiosk], channels }).channel).toBe("kiosk");
    expect(() => new ChannelRegistry().register({ id: "web", name: "Web", kind: "digital" })).toThrow(/unique channel ids/);
  });
});

describe("validateInteractions and dedupeInteractions", () => {
  it("should count a replayed idempotency id once and report it", () => {
    const r = validateInteractions([ok, { ...ok, timestamp: 5 }, { ...ok, id: "e2" }, ok], { touchpoints });
    expect(r.interactions.map((i) => i.id)).toEqual(["e1", "e2"]);
    expect(r.interactions[0]!.timestamp).toBe(ok.timestamp); // the first record wins
    expect(r.duplicates).toBe(2);
    expect(r.duplicateIds).toEqual(["e1"]);
  });

  it("should prefix the batch position to the path of the first bad record", () => {
    const e = errorOf(() => validateInteractions([ok, { ...ok, touchpoint: "x" }], { touchpoints }));
    expect(e.path).toEqual(["interactions", 1, "touchpoint"]);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 })])(
    "should keep exactly one record per distinct id and count the rest as duplicates",
    (ids) => {
      const recs = ids.map((i, j) => ({ ...ok, id: `e${i}`, timestamp: j }));
      const r = dedupeInteractions(validateInteractions(recs, { touchpoints }).interactions);
      expect(r.interactions.length).toBe(new Set(ids).size);
      expect(r.duplicates).toBe(0);
      const once = validateInteractions(recs, { touchpoints });
      expect(once.interactions.length + once.duplicates).toBe(ids.length);
    },
  );
});
