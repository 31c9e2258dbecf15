import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { conditionArb, referencedSegments } from "../../test/segmentArbitraries.js";
import { compileSegment } from "./compileSegment.js";
import { createConditionRegistry, registerConditionKind } from "./ConditionRegistry.js";
import type { ConditionKind } from "./ConditionKind.js";
import { createSegmentMembership } from "./createSegmentMembership.js";
import { explainSegment } from "./explainSegment.js";
import { schemaBuilder as T, type Static } from "./schemaBuilder.js";
import { segmentDefinitionSchema, type SegmentCondition, type SegmentDefinition } from "./SegmentDefinition.js";
import { validateSegmentDefinition } from "./validateSegmentDefinition.js";

const codes = (definition: unknown, options = {}) => validateSegmentDefinition(definition, options).issues.map((i) => [i.code, i.path.join(".")]);
const leaf = { type: "trait", field: "plan", op: "exists" };

describe("validateSegmentDefinition laws", () => {
  test.prop([conditionArb])("should accept every generated definition and survive a JSON round trip", (condition) => {
    const definition = JSON.parse(JSON.stringify({ id: "s", condition })) as unknown;
    expect(validateSegmentDefinition(definition, { segments: referencedSegments })).toEqual({ valid: true, issues: [] });
  });

  test.prop([conditionArb, fc.constantFrom("frobnicate", "older", "EQUALS", "")])("should report an unknown operator at the op of the node, wherever it sits", (condition, op) => {
    const definition = { id: "s", condition: { type: "any", conditions: [condition, { type: "trait", field: "x", op, value: 1 }] } };
    const issues = validateSegmentDefinition(definition, { segments: referencedSegments }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "SEGMENT.UNKNOWN_OPERATOR", path: ["condition", "conditions", 1, "op"], value: op });
  });
});

describe("validateSegmentDefinition bad input", () => {
  test("should return every error with its JSON path, not only the first", () => {
    const definition = {
      id: "s",
      condition: {
        type: "all",
        conditions: [
          { type: "trait", field: "age", op: "older", value: 3 },
          { type: "trait", field: "signup", op: "before", value: 5 },
          { type: "nope" },
          { type: "performed", interaction: "purchase", op: "atLeast" },
          { type: "value", metric: "pAlive", op: "gt", value: 2 },
          { type: "trait", field: "plan", op: "equals", value: "pro", extra: 1 },
        ],
      },
    };
    expect(codes(definition)).toEqual([
      ["SEGMENT.UNKNOWN_OPERATOR", "condition.conditions.0.op"],
      ["SEGMENT.TYPE_MISMATCH", "condition.conditions.1.value"],
      ["SEGMENT.UNKNOWN_KIND", "condition.conditions.2.type"],
      ["SEGMENT.INVALID", "condition.conditions.3.times"],
      ["SEGMENT.INVALID", "condition.conditions.5.extra"],
      ["SEGMENT.INVALID_VALUE", "condition.conditions.4.value"],
    ]);
  });

  test("should reject a date compared with a number, both ways", () => {
    expect(codes({ id: "s", condition: { type: "trait", field: "signup", op: "after", value: 1700000000000 } })).toEqual([["SEGMENT.TYPE_MISMATCH", "condition.value"]]);
    expect(codes({ id: "s", condition: { type: "trait", field: "signup", op: "gt", value: 5 } }, { traitTypes: { signup: "date" } })).toEqual([["SEGMENT.TYPE_MISMATCH", "condition.op"]]);
    expect(codes({ id: "s", condition: { type: "trait", field: "age", op: "before", value: "2024-01-01" } }, { traitTypes: { age: "number" } })).toEqual([["SEGMENT.TYPE_MISMATCH", "condition.op"]]);
    expect(codes({ id: "s", condition: { type: "trait", field: "age", op: "equals", value: "3" } }, { traitTypes: { age: "number" } })).toEqual([["SEGMENT.TYPE_MISMATCH", "condition.value"]]);
    expect(codes({ id: "s", condition: { type: "lastPerformed", interaction: "purchase", op: "before", value: "yesterday" } })).toEqual([["SEGMENT.INVALID_VALUE", "condition.value"]]);
  });

  test.each(["(a+)+$", "(a*)*b", "(.*a){3,}", "(a|aa)+", "(a|b){2,10}", "^(\\w+\\s?)*$", "(x+x+)+y", "(a)\\1", "(?<n>a)\\k<n>", "a*b*c*d*e*f", "a?a?a?a?a?aaaaa", "(a?){20}a{20}", "(["])
  ("should reject the catastrophic or invalid regex %s", (pattern) => {
    expect(codes({ id: "s", condition: { type: "trait", field: "email", op: "matches", pattern } })).toEqual([["SEGMENT.UNSAFE_REGEX", "condition.pattern"]]);
  });

  test.each(["^[a-z0-9._%+-]+@example\\.com$", "^(free|pro)$", "\\d{3}-\\d{4}", "(ab)?c+", "[(+*)]+", "^(?:gold|silver)-\\d+$"])("should accept the safe regex %s", (pattern) => {
    expect(codes({ id: "s", condition: { type: "trait", field: "email", op: "matches", pattern } })).toEqual([]);
  });

  test("should reject cycles between segments and unknown references", () => {
    const a: SegmentDefinition = { id: "a", condition: { type: "inSegment", segmentId: "b" } };
    const b: SegmentDefinition = { id: "b", condition: { type: "all", conditions: [leaf as SegmentCondition, { type: "inSegment", segmentId: "a" }] } };
    expect(codes(a, { segments: [a, b] })).toEqual([["SEGMENT.CYCLE", "condition.segmentId"]]);
    expect(validateSegmentDefinition(a, { segments: [a, b] }).issues[0]?.value).toEqual(["a", "b", "a"]);
    expect(codes({ id: "self", condition: { type: "not", condition: { type: "inSegment", segmentId: "self" } } })).toEqual([["SEGMENT.CYCLE", "condition.condition.segmentId"]]);
    expect(codes({ id: "c", condition: { type: "inSegment", segmentId: "ghost" } })).toEqual([["SEGMENT.UNKNOWN_SEGMENT", "condition.segmentId"]]);
    expect(() => compileSegment(a, { segments: [a, b] })).toThrow(/cycles/);
  });

  test("should reject a 10,000-node definition, wide or deep, with a clear error and no stack overflow", () => {
    const wide = { id: "w", condition: { type: "any", conditions: Array.from({ length: 9999 }, () => leaf) } };
    expect(validateSegmentDefinition(wide).issues).toEqual([
      { code: "SEGMENT.TOO_LARGE", path: ["condition"], message: "validateSegmentDefinition requires at most 1000 condition nodes (limit maxNodes) at condition", value: 1001 },
    ]);
    let deep: unknown = leaf;
    for (let i = 0; i < 9999; i++) deep = { type: "not", condition: deep };
    const issues = validateSegmentDefinition({ id: "d", condition: deep }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("SEGMENT.TOO_LARGE");
    expect(issues[0]?.message).toMatch(/nested at most 32 deep/);
    // Limits are options.
    expect(validateSegmentDefinition(wide, { maxNodes: 10_000 }).valid).toBe(true);
  });

  test("should reject malformed roots", () => {
    expect(codes(null)).toEqual([["SEGMENT.INVALID", ""]]);
    expect(codes({ condition: leaf })).toEqual([["SEGMENT.INVALID", "id"]]);
    expect(codes({ id: "s", condition: [] })).toEqual([["SEGMENT.TYPE_MISMATCH", "condition"]]);
    expect(validateSegmentDefinition({ id: "s", condition: "x" }).issues[0]?.message).toBe("validateSegmentDefinition requires an object, got string at condition");
    expect(validateSegmentDefinition({ id: "s", condition: { type: "trait", field: "plan", op: "equals", value: null } }).issues[0]?.message).toBe(
      "validateSegmentDefinition requires a string or a number or a boolean, got null at condition.value",
    );
    expect(codes({ id: "s", condition: { type: "between", min: 3, max: 1 } })).toEqual([["SEGMENT.UNKNOWN_KIND", "condition.type"]]);
    expect(codes({ id: "s", condition: { type: "trait", field: "age", op: "between", min: 3, max: 1 } })).toEqual([["SEGMENT.INVALID_VALUE", "condition.max"]]);
    expect(codes({ id: "s", condition: { type: "rfmSegment", segments: ["Champs"] } })).toEqual([["SEGMENT.INVALID_VALUE", "condition.segments.0"]]);
  });
});

describe("the condition-kind registry (extension point)", () => {
  const VipNode = T.Object({ type: T.Literal("vipLevel"), atLeast: T.Integer({ minimum: 1, maximum: 3 }) });
  type VipNode = Static<typeof VipNode>;
  const vipKind: ConditionKind<VipNode> = {
    type: "vipLevel",
    schemas: [VipNode],
    compile: (node) => (p) => (p.values?.metrics?.["vip"] ?? 0) >= node.atLeast,
    observe: (_node, p) => p.values?.metrics?.["vip"] ?? null,
    dependencies: () => ["value:metrics.vip"],
  };
  const registry = registerConditionKind(createConditionRegistry(), vipKind);
  const definition = { id: "vip", condition: { type: "vipLevel", atLeast: 2 } } as unknown as SegmentDefinition;

  test("should validate, compile, explain and index a registered kind", () => {
    expect(validateSegmentDefinition(definition).issues[0]?.code).toBe("SEGMENT.UNKNOWN_KIND");
    expect(validateSegmentDefinition(definition, { registry }).valid).toBe(true);
    expect(codes({ id: "v", condition: { type: "vipLevel", atLeast: 7 } }, { registry })).toEqual([["SEGMENT.INVALID_VALUE", "condition.atLeast"]]);
    const p = { id: "c", traits: {}, interactions: {}, values: { metrics: { vip: 3 } } };
    expect(compileSegment(definition, { registry })(p, 0)).toBe(true);
    expect(explainSegment(definition, p, 0, { registry }).children?.[0]).toMatchObject({ matched: true, seen: 3 });
    const m = createSegmentMembership([definition], { registry });
    expect(m.affectedBy({ kind: "value", metric: "metrics.vip" })).toEqual([0]);
  });

  test("should refuse to replace a kind or a structural node type", () => {
    expect(() => registerConditionKind(registry, vipKind)).toThrow(/new condition type/);
    expect(() => registerConditionKind(registry, { ...vipKind, type: "all" })).toThrow(/new condition type/);
  });

  test("should publish the same schema as the default registry", () => {
    expect(createConditionRegistry().schema).toEqual(segmentDefinitionSchema);
  });
});
