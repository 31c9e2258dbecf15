import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { segmentDefinitionSchema, validateSegmentDefinition, type SegmentCondition, type SegmentDefinition } from "../src/segments/index.js";

// The published JSON Schema is a checked artifact: generated from the same schema values as the
// TypeScript types, written here when missing (or with ENGAGEKIT_UPDATE_SCHEMA=1), and compared otherwise.
const file = resolve(dirname(fileURLToPath(import.meta.url)), "../schema/segment-definition.schema.json");
const generated = `${JSON.stringify(segmentDefinitionSchema, null, 2)}\n`;

describe("segment definition JSON Schema", () => {
  test("should match the committed schema/segment-definition.schema.json (run with ENGAGEKIT_UPDATE_SCHEMA=1 to regenerate)", () => {
    if (!existsSync(file) || process.env.ENGAGEKIT_UPDATE_SCHEMA === "1") writeFileSync(file, generated);
    expect(readFileSync(file, "utf8")).toBe(generated);
  });

  test("should be plain JSON: draft 2020-12, with one $defs entry and every node kind", () => {
    const parsed = JSON.parse(generated) as { $schema: string; $defs: { SegmentCondition: { anyOf: { properties: { type: { const?: string; enum?: string[] } } }[] } } };
    expect(parsed.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const types = new Set(parsed.$defs.SegmentCondition.anyOf.flatMap((v) => v.properties.type.const ?? v.properties.type.enum ?? []));
    expect([...types].sort()).toEqual(["all", "any", "consent", "firstPerformed", "inSegment", "ladderTier", "lastPerformed", "not", "performed", "rfmSegment", "trait", "value"]);
  });

  test("should type-check definitions with the inferred types (compile-time assertions)", () => {
    const ok: SegmentDefinition = {
      id: "s",
      condition: { type: "all", conditions: [{ type: "not", condition: { type: "trait", field: "age", op: "gte", value: 18 } }, { type: "performed", interaction: "purchase", op: "atLeast", times: 2, withinDays: 30 }] },
    };
    // @ts-expect-error: a date operator takes an ISO string, not a number
    const dateVsNumber: SegmentCondition = { type: "trait", field: "signup", op: "before", value: 5 };
    // @ts-expect-error: unknown operator
    const unknownOp: SegmentCondition = { type: "trait", field: "age", op: "older", value: 3 };
    // @ts-expect-error: times is required
    const missing: SegmentCondition = { type: "performed", interaction: "purchase", op: "atLeast" };
    expect(validateSegmentDefinition(ok).valid).toBe(true);
    for (const bad of [dateVsNumber, unknownOp, missing]) expect(validateSegmentDefinition({ id: "x", condition: bad }).valid).toBe(false);
  });
});
