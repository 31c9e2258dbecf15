import { describe, expect, test } from "vitest";
import { checkSchema, schemaBuilder, type SchemaError } from "./schemaBuilder.js";
import {
  addEngagementEvent,
  compileSegment,
  consentConditionKind,
  createConditionRegistry,
  createSegmentMembership,
  defaultLadderCriteria,
  defaultRfmSegmentGrid,
  definePersona,
  engagementLadder,
  engagementScore,
  engagementScoreAt,
  explainSegment,
  profileChangeKey,
  recordInteraction,
  rfmAnalysis,
  rfmFromTransactions,
  rfmScores,
  rfmSegment,
  segmentDefinitionSchema,
  validateSegmentDefinition,
} from "./index.js";

// Every `@example` in the segments area, run as written: the `// =>` results are asserted here.
describe("segments TSDoc examples", () => {
  test("should hold for the condition language and evaluation", () => {
    expect(segmentDefinitionSchema.$defs.SegmentCondition.anyOf.length).toBe(22);
    const v = validateSegmentDefinition({ id: "s", condition: { type: "trait", field: "age", op: "older", value: 3 } });
    expect(v.issues[0]?.code).toBe("SEGMENT.UNKNOWN_OPERATOR");
    expect(v.issues[0]?.path).toEqual(["condition", "op"]);
    const vip = compileSegment({ id: "vip", condition: { type: "value", metric: "clv", op: "gte", value: 1000 } });
    expect(vip({ id: "c1", traits: {}, interactions: {}, values: { clv: 1500 } }, Date.now())).toBe(true);
    const e = explainSegment({ id: "s", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } }, { id: "c1", traits: { plan: "free" }, interactions: {} }, 0);
    expect([e.matched, e.children?.[0]?.seen]).toEqual([false, "free"]);
    const p = consentConditionKind.compile({ type: "consent", purpose: "marketing", channel: "email", granted: true });
    expect(p({ id: "c1", traits: {}, interactions: {}, consent: { "marketing:email": true } }, 0)).toBe(true);
    expect([...createConditionRegistry().kinds.keys()].includes("consent")).toBe(true);
    const Node = schemaBuilder.Object({ type: schemaBuilder.Literal("vip"), tier: schemaBuilder.Integer({ minimum: 1 }) });
    expect(Node.required).toEqual(["type", "tier"]);
    const errs: SchemaError[] = [];
    checkSchema(schemaBuilder.Number(), "3", ["x"], {}, errs);
    expect(errs[0]?.message).toBe("a number, got string");
  });

  test("should hold for membership and profiles", () => {
    const m = createSegmentMembership([{ id: "buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } }]);
    const s = m.evaluate({ id: "c", traits: {}, interactions: {} }, 0);
    expect(m.update(s, { id: "c", traits: {}, interactions: { purchase: { count: 1, first: 5, last: 5 } } }, { kind: "interaction", interaction: "purchase" }, 5).entered).toEqual(["buyers"]);
    expect(profileChangeKey({ kind: "interaction", interaction: "purchase" })).toBe("interaction:purchase");
    expect(recordInteraction({ id: "c", traits: {}, interactions: {} }, "purchase", 1000).interactions["purchase"]).toEqual({ count: 1, first: 1000, last: 1000, times: [1000] });
  });

  test("should hold for RFM", () => {
    expect(Array.from(rfmScores({ recencyDays: [1, 10, 100, 5, 50], frequency: [9, 3, 1, 5, 2], monetary: [500, 80, 10, 200, 40] }).r)).toEqual([5, 3, 1, 4, 2]);
    expect(rfmSegment(5, 5, 4)).toBe("Champions");
    expect(rfmSegment(1, 1, 1)).toBe("Lost");
    expect(defaultRfmSegmentGrid.cells[4]?.[4]).toBe("Champions");
    const c = rfmFromTransactions({ customer: [7, 7, 9], order: [1, 2, 3], time: [0, 86400000, 0], amount: [10, 5, 3] }, { asOf: 2 * 86400000 });
    expect([...c.customers, ...c.recencyDays, ...c.frequency, ...c.monetary]).toEqual([7, 9, 1, 2, 2, 1, 15, 3]);
    expect(rfmAnalysis({ customer: [1, 2], time: [0, 9e7], amount: [5, 50] }, { asOf: 1e8 }).segment).toEqual(["Lost", "Hibernating"]);
  });

  test("should hold for the ladder, the engagement score and personas", () => {
    expect(defaultLadderCriteria.active.type).toBe("any");
    const ladder = engagementLadder();
    const p = { id: "c", traits: {}, interactions: { purchase: { count: 1, first: 0, last: 0, times: [0] } } };
    expect(ladder.update(undefined, p, 1000).transitions.map((t) => t.to)).toEqual(["active"]);
    expect(engagementScore([{ type: "purchase", at: 0 }], 30 * 86400000).score).toBe(2.5);
    expect(engagementScoreAt(addEngagementEvent(undefined, { type: "purchase", at: 0 }), 30 * 86400000).score).toBe(2.5);
    expect(engagementScoreAt(addEngagementEvent(undefined, { type: "session", at: 0 }), 60 * 86400000).score).toBe(0.25);
    expect(
      definePersona(
        { id: "busy-pro", name: "Busy professional", goals: ["save time"], needs: ["self-service"], preferredChannels: ["email"] },
        { id: "pros", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } },
      ).persona.segmentId,
    ).toBe("pros");
  });
});
