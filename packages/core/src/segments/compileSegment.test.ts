import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { InputError } from "../errors/InputError.js";
import { DAY, T0, conditionArb, interpret, nowArb, profileArb, referencedSegments } from "../../test/segmentArbitraries.js";
import { compileSegment } from "./compileSegment.js";
import { explainSegment, segmentExplainer, type SegmentExplanation } from "./explainSegment.js";
import type { Profile } from "./Profile.js";
import type { SegmentCondition } from "./SegmentDefinition.js";
import { validateSegmentDefinition } from "./validateSegmentDefinition.js";

const options = { segments: referencedSegments };
const def = (condition: SegmentCondition) => ({ id: "s", condition });

describe("compileSegment laws", () => {
  test.prop([conditionArb, fc.array(profileArb, { minLength: 1, maxLength: 8 }), nowArb], { numRuns: 300 })(
    "should agree with the reference interpreter on random definitions and profiles",
    (condition, profiles, now) => {
      expect(validateSegmentDefinition(def(condition), options).issues).toEqual([]);
      const predicate = compileSegment(def(condition), options);
      for (const p of profiles) expect(predicate(p, now)).toBe(interpret(condition, p, now));
    },
  );

  test.prop([conditionArb, profileArb, nowArb])("should give not(not(x)) the verdict of x", (condition, p, now) => {
    const x = compileSegment(def(condition), options);
    const nn = compileSegment(def({ type: "not", condition: { type: "not", condition } }), options);
    expect(nn(p, now)).toBe(x(p, now));
  });

  test.prop([conditionArb, profileArb, nowArb])("should give explain's root verdict the predicate's verdict, node by node", (condition, p, now) => {
    const e = explainSegment(def(condition), p, now, options);
    expect(e.matched).toBe(compileSegment(def(condition), options)(p, now));
    // Every explained node carries the oracle's verdict for its own subtree.
    const check = (n: SegmentExplanation, c: SegmentCondition): void => {
      expect(n.matched).toBe(interpret(c, p, now));
      if (c.type === "all" || c.type === "any") c.conditions.forEach((k, i) => check(n.children?.[i] as SegmentExplanation, k));
      if (c.type === "not") check(n.children?.[0] as SegmentExplanation, c.condition);
    };
    check(e.children?.[0] as SegmentExplanation, condition);
  });

  test.prop([conditionArb, fc.array(profileArb, { minLength: 1, maxLength: 4 }), nowArb])(
    "should explain alike through a reused segmentExplainer and explainSegment, profile after profile",
    (condition, profiles, now) => {
      const explain = segmentExplainer(def(condition), options);
      for (const p of profiles) expect(explain(p, now)).toEqual(explainSegment(def(condition), p, now, options));
    },
  );

  test.prop([fc.array(conditionArb, { minLength: 1, maxLength: 5 }), profileArb, nowArb])("should make all = every child and any = some child", (cs, p, now) => {
    const all = compileSegment(def({ type: "all", conditions: cs }), options)(p, now);
    const any = compileSegment(def({ type: "any", conditions: cs }), options)(p, now);
    expect(all).toBe(cs.every((c) => interpret(c, p, now)));
    expect(any).toBe(cs.some((c) => interpret(c, p, now)));
  });

  test.prop([conditionArb, fc.array(conditionArb, { maxLength: 6 }), profileArb, nowArb])("should not depend on how many children all/any have (balanced composition)", (c, more, p, now) => {
    const conditions = [c, ...more, c, ...more];
    expect(compileSegment(def({ type: "all", conditions }), options)(p, now)).toBe(conditions.every((k) => interpret(k, p, now)));
  });
});

describe("compileSegment documented semantics", () => {
  const p: Profile = { id: "c", traits: { signup: T0 - 10 * DAY }, interactions: { purchase: { count: 2, first: T0 - 40 * DAY, last: T0 - 5 * DAY, times: [T0 - 40 * DAY, T0 - 5 * DAY] } } };

  test("should make all([]) true and any([]) false (the empty conjunction and disjunction)", () => {
    expect(compileSegment(def({ type: "all", conditions: [] }))(p, T0)).toBe(true);
    expect(compileSegment(def({ type: "any", conditions: [] }))(p, T0)).toBe(false);
  });

  test("should count windows over (now − d, now]: an event exactly d days old is out", () => {
    const within = (days: number) => compileSegment(def({ type: "performed", interaction: "purchase", op: "atLeast", times: 2, withinDays: days }))(p, T0);
    expect(within(40)).toBe(false);
    expect(within(41)).toBe(true);
  });

  test("should treat a never-performed interaction as false for first/last and 0 for counts", () => {
    expect(compileSegment(def({ type: "lastPerformed", interaction: "review", op: "moreThanAgo", days: 1 }))(p, T0)).toBe(false);
    expect(compileSegment(def({ type: "performed", interaction: "review", op: "exactly", times: 0 }))(p, T0)).toBe(true);
  });

  test("should read relative trait dates: signed up within the last 30 days, not more than 30 days ago", () => {
    expect(compileSegment(def({ type: "trait", field: "signup", op: "withinLast", days: 30 }))(p, T0)).toBe(true);
    expect(compileSegment(def({ type: "trait", field: "signup", op: "moreThanAgo", days: 30 }))(p, T0)).toBe(false);
  });

  test("should explain which branch failed and what it saw", () => {
    const e = explainSegment(
      def({ type: "all", conditions: [{ type: "trait", field: "plan", op: "equals", value: "pro" }, { type: "performed", interaction: "purchase", op: "atLeast", times: 1 }] }),
      p,
      T0,
    );
    expect(e.matched).toBe(false);
    const [plan, purchases] = e.children?.[0]?.children ?? [];
    expect(plan).toMatchObject({ matched: false, seen: undefined, path: ["condition", "conditions", 0] });
    expect(purchases).toMatchObject({ matched: true, seen: 2 });
  });

  test("should throw the first validation issue as an InputError with its path", () => {
    const bad = { id: "s", condition: { type: "trait", field: "age", op: "older", value: 3 } } as unknown as Parameters<typeof compileSegment>[0];
    expect(() => compileSegment(bad)).toThrow(InputError);
    try {
      compileSegment(bad);
    } catch (e) {
      expect((e as InputError).code).toBe("SEGMENT.UNKNOWN_OPERATOR");
      expect((e as InputError).path).toEqual(["condition", "op"]);
      expect((e as InputError).message).toMatch(/^compileSegment requires /);
    }
  });
});
