import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defaultStageRules } from "../src/journey/defaultStageRules.js";
import type { Interaction } from "../src/journey/Interaction.js";
import { inferJourneyStages } from "../src/journey/inferJourneyStages.js";
import { advanceJourneyStages } from "../src/journey/advanceJourneyStages.js";
import { journeyStagesAt } from "../src/journey/journeyStagesAt.js";
import type { JourneyStageState } from "../src/journey/JourneyStageState.js";
import { inferJourneyStagesColumnar } from "../src/journey/inferJourneyStagesColumnar.js";
import { stageHealth } from "../src/journey/stageHealth.js";
import type { StageRules } from "../src/journey/StageRules.js";
import { toInteractionColumns } from "../src/journey/toInteractionColumns.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const TP: Record<string, string> = { page_view: "home", product_view: "product_page", add_to_cart: "cart", purchase: "checkout", review_posted: "reviews", email_click: "newsletter" };
let seq = 0;
function ev(customer: string, day: number, type: string): Interaction {
  return { id: `i${seq++}`, customer: { kind: "userId", value: customer }, timestamp: T0 + day * DAY, touchpoint: TP[type] ?? type, channel: type === "email_click" ? "email" : "web", type };
}

describe("inferJourneyStages with the default rules", () => {
  it("should promote a buyer to retention and demote them when they lapse, each with its reason", () => {
    const log = [ev("ana", 0, "page_view"), ev("ana", 1, "product_view"), ev("ana", 2, "purchase"), ev("ana", 10, "purchase"), ev("ana", 130, "purchase")];
    const h = inferJourneyStages(log, defaultStageRules, { asOf: T0 + 400 * DAY }).get("userId:ana")!;
    expect(h.transitions.map((t) => [t.kind, t.from, t.to, (t.at - T0) / DAY, t.reason])).toEqual([
      ["entry", null, "awareness", 0, "first interaction"],
      ["promotion", "awareness", "consideration", 1, "showed purchase intent"],
      ["promotion", "consideration", "conversion", 2, "first purchase"],
      ["promotion", "conversion", "retention", 10, "repeat purchase"],
      // no purchase for 90 days after day 10 → lapsed on day 100, before the day-130 purchase
      ["demotion", "retention", "consideration", 100, "lapsed: no purchase for 90 days"],
      // counts restart after a demotion: the next purchase is a (re)conversion, not retention
      ["promotion", "consideration", "conversion", 130, "first purchase"],
      ["demotion", "conversion", "consideration", 310, "lapsed: no repeat purchase within 180 days"],
    ]);
    expect(h.stage).toBe("consideration");
    expect(h.since).toBe(T0 + 310 * DAY);
    expect(h.transitions[2]!.interactionId).toBe(log[2]!.id);
    expect(h.transitions[4]!.interactionId).toBeUndefined();
  });

  it("should only reach advocacy after buying, and not lapse without asOf after the last event", () => {
    const log = [ev("bo", 0, "review_posted"), ev("bo", 1, "purchase"), ev("bo", 2, "review_posted")];
    const h = inferJourneyStages(log).get("userId:bo")!;
    expect(h.transitions.map((t) => t.to)).toEqual(["awareness", "conversion", "advocacy"]);
  });

  it("should reject rules that name unknown stages, with the path", () => {
    const bad: StageRules = { ...defaultStageRules, rules: [{ to: "nirvana", when: {}, reason: "x" }] };
    expect(() => inferJourneyStages([ev("a", 0, "page_view")], bad)).toThrow(expect.objectContaining({ code: "JOURNEY.UNKNOWN_REFERENCE", path: ["rules", "rules", 0, "to"] }));
    expect(() => inferJourneyStages([])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });
});

const logArb = fc.array(
  fc.record({ c: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 0, max: 400 }), type: fc.constantFrom("page_view", "product_view", "add_to_cart", "purchase", "review_posted", "email_click") }),
  { minLength: 1, maxLength: 60 },
);

describe("stage inference laws (fast-check)", () => {
  test.prop([logArb, fc.integer({ min: 0, max: 800 })])("should give the same stages and transitions on the columnar path", (log, asOfDay) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    const obj = inferJourneyStages(its, defaultStageRules, { asOf: T0 + asOfDay * DAY });
    const col = inferJourneyStagesColumnar(toInteractionColumns(its), defaultStageRules, { asOf: T0 + asOfDay * DAY });
    col.customers.forEach((key, c) => {
      const h = obj.get(key)!;
      expect(col.stage[c] === -1 ? null : col.stages[col.stage[c]!]).toBe(h.stage);
    });
    expect(col.transitions.to.length).toBe([...obj.values()].reduce((a, h) => a + h.transitions.length, 0));
  });

  // Rules on touchpoint and channel too: the columnar path then builds a mask per row instead of
  // looking the rule bits up by type (two code paths, one answer).
  const channelRules: StageRules = {
    stages: ["awareness", "consideration", "conversion", "retention", "advocacy"],
    rules: [
      { to: "awareness", when: { channel: "web" }, reason: "web visit" },
      { to: "consideration", when: { touchpoint: ["product_page", "cart"] }, reason: "looked at products" },
      { to: "consideration", when: { channel: "email", type: "email_click" }, reason: "clicked an email" },
      { to: "conversion", when: { type: "purchase", touchpoint: "checkout" }, reason: "bought" },
      { to: "retention", when: { type: "purchase" }, minCount: 2, reason: "bought again" },
      { to: "advocacy", when: { touchpoint: "reviews" }, from: ["conversion", "retention"], reason: "reviewed" },
    ],
    lapse: [{ from: ["retention"], to: "consideration", afterMs: 90 * DAY, activity: { type: "purchase" }, reason: "lapsed" }],
  };
  test.prop([logArb, fc.integer({ min: 0, max: 800 })])("should agree with the object path when rules filter on touchpoint and channel", (log, asOfDay) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    const obj = inferJourneyStages(its, channelRules, { asOf: T0 + asOfDay * DAY });
    const col = inferJourneyStagesColumnar(toInteractionColumns(its), channelRules, { asOf: T0 + asOfDay * DAY });
    col.customers.forEach((key, c) => {
      const h = obj.get(key)!;
      expect(col.stage[c] === -1 ? null : col.stages[col.stage[c]!]).toBe(h.stage);
      expect(col.stage[c] === -1 ? null : col.since[c]).toBe(h.since);
    });
    const colTransitions = new Map<string, string[]>();
    col.transitions.to.forEach((k, t) => {
      const key = col.customers[col.transitions.customer[t]!]!;
      colTransitions.set(key, [...(colTransitions.get(key) ?? []), `${col.stages[k]}@${col.transitions.at[t]}`]);
    });
    for (const [key, h] of obj) expect(colTransitions.get(key) ?? []).toEqual(h.transitions.map((t) => `${t.to}@${t.at}`));
  });

  test.prop([logArb, fc.integer({ min: 0, max: 800 })])("should chain transitions: each starts where the last ended, in time order, kinds matching the stage order", (log, asOfDay) => {
    const order = defaultStageRules.stages;
    for (const h of inferJourneyStages(log.map((e) => ev(`c${e.c}`, e.d, e.type)), defaultStageRules, { asOf: T0 + asOfDay * DAY }).values()) {
      let prev: string | null = null;
      let at = -Infinity;
      for (const t of h.transitions) {
        expect(t.from).toBe(prev);
        expect(t.at).toBeGreaterThanOrEqual(at);
        const kind = t.from === null ? "entry" : order.indexOf(t.to) > order.indexOf(t.from) ? "promotion" : "demotion";
        expect(t.kind).toBe(kind);
        if (t.kind === "demotion") expect(t.reason).toMatch(/^lapsed/);
        prev = t.to;
        at = t.at;
      }
      expect(h.stage).toBe(prev);
    }
  });

  test.prop([logArb])("should never demote without lapse rules or demotion rules", (log) => {
    const rules: StageRules = { stages: defaultStageRules.stages, rules: defaultStageRules.rules };
    for (const h of inferJourneyStages(log.map((e) => ev(`c${e.c}`, e.d, e.type)), rules).values()) {
      expect(h.transitions.every((t) => t.kind !== "demotion")).toBe(true);
    }
  });
});

describe("advanceJourneyStages", () => {
  it("should resume from a saved state: counts carry over, so a second purchase is a repeat purchase", () => {
    const ana = (t: number, type: string) => ev("ana", t, type);
    const first = advanceJourneyStages([ana(0, "page_view"), ana(1, "purchase")], new Map());
    const saved = first.states.get("userId:ana")!;
    expect(saved).toMatchObject({ stage: "conversion", since: T0 + DAY, asOf: T0 + DAY });
    const next = advanceJourneyStages([ana(5, "purchase")], first.states);
    expect(next.histories.get("userId:ana")!.transitions.map((t) => [t.from, t.to, t.reason])).toEqual([["conversion", "retention", "repeat purchase"]]);
    // The same as replaying everything (the day-5 purchase is the second one).
    expect(inferJourneyStages([ana(0, "page_view"), ana(1, "purchase"), ana(5, "purchase")]).get("userId:ana")!.stage).toBe("retention");
  });

  it("should apply lapse rules to saved customers without new interactions when given asOf", () => {
    const first = advanceJourneyStages([ev("bo", 0, "purchase"), ev("bo", 10, "purchase")], new Map());
    const later = advanceJourneyStages([], first.states, defaultStageRules, { asOf: T0 + 400 * DAY });
    // Same dates as the full replay in the first test: lapsed on day 100 (90 days after the last purchase).
    expect(later.histories.get("userId:bo")!.transitions.map((t) => [t.to, (t.at - T0) / DAY])).toEqual([["consideration", 100]]);
    expect(later.states.get("userId:bo")!.asOf).toBe(T0 + 400 * DAY);
    expect(advanceJourneyStages([], new Map()).states.size).toBe(0);
  });

  it("should refuse an interaction older than the saved state, and a state saved under other rules, naming where", () => {
    const first = advanceJourneyStages([ev("cy", 10, "page_view")], new Map());
    expect(() => advanceJourneyStages([ev("cy", 20, "page_view"), ev("cy", 9, "purchase")], first.states)).toThrow(
      expect.objectContaining({ code: "JOURNEY.OUT_OF_ORDER", path: ["interactions", 1, "timestamp"] }),
    );
    const other: StageRules = { ...defaultStageRules, lapse: [] };
    expect(() => advanceJourneyStages([ev("cy", 20, "page_view")], first.states, other)).toThrow(
      expect.objectContaining({ code: "METRIC.INCONSISTENT", path: ["previous", "userId:cy", "rules"] }),
    );
    const broken = new Map([["userId:cy", { ...first.states.get("userId:cy")!, counts: [1] } satisfies JourneyStageState]]);
    expect(() => advanceJourneyStages([], broken)).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT", path: ["previous", "userId:cy", "counts"] }));
  });
});

describe("advanceJourneyStages laws (fast-check)", () => {
  // A log, a day to split it at, and an asOf day for the end.
  const splitArb = fc.tuple(logArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 800 }));

  test.prop([splitArb])("should equal inferring over the whole log when the log is split at any time T (state saved with asOf T)", ([log, splitDay, asOfDay]) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    const T = T0 + splitDay * DAY;
    const asOf = Math.max(T, T0 + asOfDay * DAY);
    const before = advanceJourneyStages(its.filter((i) => i.timestamp < T), new Map(), defaultStageRules, { asOf: T });
    // Saved as JSON, as a database column would hold it.
    const saved = new Map(Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(before.states))) as Record<string, JourneyStageState>));
    const after = advanceJourneyStages(its.filter((i) => i.timestamp >= T), saved, defaultStageRules, { asOf });
    const whole = inferJourneyStages(its, defaultStageRules, { asOf });
    expect(new Set(after.histories.keys())).toEqual(new Set(whole.keys()));
    for (const [key, h] of whole) {
      const step = after.histories.get(key)!;
      expect([step.stage, step.since]).toEqual([h.stage, h.since]);
      expect([...(before.histories.get(key)?.transitions ?? []), ...step.transitions]).toEqual(h.transitions);
    }
  });

  test.prop([logArb, fc.integer({ min: 0, max: 800 })])("should equal inferJourneyStages from no saved state", (log, asOfDay) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    const options = { asOf: T0 + asOfDay * DAY };
    expect(new Map(advanceJourneyStages(its, new Map(), defaultStageRules, options).histories)).toEqual(new Map(inferJourneyStages(its, defaultStageRules, options)));
  });
});

describe("journeyStagesAt", () => {
  test.prop([logArb, fc.integer({ min: 0, max: 900 })])("should equal advancing the saved states by no interactions to asOf (stage, since, lapse transitions)", (log, asOfDay) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    const saved = advanceJourneyStages(its, new Map()).states;
    const asOf = T0 + asOfDay * DAY;
    expect(journeyStagesAt(saved, asOf)).toEqual(new Map(advanceJourneyStages([], saved, defaultStageRules, { asOf }).histories));
  });

  it("should refuse a state saved under other rules, with the path", () => {
    const saved = advanceJourneyStages([ev("dee", 0, "purchase")], new Map()).states;
    const other = new Map([...saved].map(([k, s]) => [k, { ...s, rules: "0000" }]));
    expect(() => journeyStagesAt(other, T0 + 400 * DAY)).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT", path: ["states", "userId:dee", "rules"] }));
  });
});

describe("stageHealth", () => {
  it("should count volume, onward conversion, time in stage and pain points as counted by hand", () => {
    const log = [
      // a: home → product → buys on day 3 (consideration stay of 2 days ends in promotion)
      ev("a", 0, "page_view"), ev("a", 1, "product_view"), ev("a", 3, "purchase"),
      // b: home → product → cart, never buys (consideration stay open; last touch cart)
      ev("b", 0, "page_view"), ev("b", 2, "product_view"), ev("b", 4, "add_to_cart"),
      // c: newsletter click → cart, never buys (last touch cart)
      ev("c", 0, "email_click"), ev("c", 1, "add_to_cart"),
    ];
    const rules: StageRules = { stages: defaultStageRules.stages, rules: defaultStageRules.rules };
    const h = stageHealth(inferJourneyStages(log, rules), log, { stages: rules.stages });
    const cons = h.find((s) => s.stage === "consideration")!;
    expect([cons.entered, cons.current, cons.movedOn, cons.conversionOnward]).toEqual([3, 2, 1, 1 / 3]);
    expect(cons.timeInStage).toEqual({ n: 1, median: 2 * DAY, p90: 2 * DAY });
    expect(cons.painPoints[0]).toMatchObject({ touchpoint: "cart", stays: 2, dropped: 2, dropOffRate: 1 });
    const aw = h.find((s) => s.stage === "awareness")!;
    // c entered consideration directly (email click is intent), so awareness volume is 2, both moved on
    expect([aw.entered, aw.movedOn, aw.conversionOnward]).toEqual([2, 2, 1]);
    const adv = h.find((s) => s.stage === "advocacy")!;
    expect([adv.entered, adv.conversionOnward, adv.conversionOnwardInterval, adv.timeInStage]).toEqual([0, null, null, null]);
  });
});
