import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { customerKeyOf } from "../src/journey/customerKeyOf.js";
import type { Interaction } from "../src/journey/Interaction.js";
import type { InteractionColumns } from "../src/journey/InteractionColumns.js";
import { inferJourneyStages } from "../src/journey/inferJourneyStages.js";
import { inferJourneyStagesColumnar } from "../src/journey/inferJourneyStagesColumnar.js";
import type { StageColumns } from "../src/journey/StageColumns.js";
import type { StageRules } from "../src/journey/StageRules.js";
import { toInteractionColumns } from "../src/journey/toInteractionColumns.js";

// The columnar path has a fused pass for rules on type alone without lapse rules: it checks that
// the rows are grouped by customer and time-ordered while it runs the rules, and falls back to
// grouping (sorting) them when they are not. These tests hold it to the object path, and to the
// general kernel, on grouped and ungrouped columns.

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const TYPES = ["page_view", "product_view", "add_to_cart", "purchase", "review_posted", "refund"] as const;
let seq = 0;
function ev(customer: string, day: number, type: string): Interaction {
  return { id: `i${seq++}`, customer: { kind: "userId", value: customer }, timestamp: T0 + day * DAY, touchpoint: "web_page", channel: "web", type };
}

// Type-only rules without lapse rules, with a minCount rule, a `from` restriction and a demotion
// (which resets the counts).
const typeRules: StageRules = {
  stages: ["awareness", "consideration", "conversion", "retention", "advocacy"],
  rules: [
    { to: "awareness", when: {}, reason: "any interaction" },
    { to: "consideration", when: { type: ["product_view", "add_to_cart"] }, reason: "intent" },
    { to: "conversion", when: { type: "purchase" }, reason: "first purchase" },
    { to: "retention", when: { type: "purchase" }, minCount: 2, reason: "repeat purchase" },
    { to: "advocacy", when: { type: "review_posted" }, from: ["conversion", "retention"], reason: "review after buying" },
    { to: "consideration", when: { type: "refund" }, from: ["conversion", "retention", "advocacy"], allowDemotion: true, reason: "refunded" },
  ],
};
// The same rules plus a lapse rule that never fires: the general kernel, with the same answer.
const withIdleLapse: StageRules = { ...typeRules, lapse: [{ from: ["retention"], to: "consideration", afterMs: 1e15, reason: "never" }] };
// Promotion only, ending in a stage no rule leaves: the fused pass skips the rest of such a block.
const promotionRules: StageRules = {
  stages: ["awareness", "consideration", "conversion", "retention"],
  rules: [
    { to: "awareness", when: {}, reason: "any interaction" },
    { to: "consideration", when: { type: ["product_view", "add_to_cart"] }, reason: "intent" },
    { to: "conversion", when: { type: "purchase" }, reason: "first purchase" },
    { to: "retention", when: { type: "purchase" }, minCount: 2, reason: "repeat purchase" },
  ],
};

/** Columns in the interactions' own order (not grouped unless they are), customer codes by first appearance. */
function rawColumns(its: readonly Interaction[]): InteractionColumns {
  const dicts = { customer: [] as string[], type: [] as string[], touchpoint: [] as string[], channel: [] as string[] };
  const code = (d: string[], s: string): number => {
    const k = d.indexOf(s);
    return k >= 0 ? k : d.push(s) - 1;
  };
  return {
    length: its.length,
    customer: Int32Array.from(its, (it) => code(dicts.customer, customerKeyOf(it))),
    timestamp: Float64Array.from(its, (it) => it.timestamp),
    type: Int32Array.from(its, (it) => code(dicts.type, it.type)),
    touchpoint: Int32Array.from(its, (it) => code(dicts.touchpoint, it.touchpoint)),
    channel: Int32Array.from(its, (it) => code(dicts.channel, it.channel)),
    dictionaries: dicts,
  };
}

/** The same rows with the customer codes renumbered backwards and an unused key first: blocks no longer hold codes 0, 1, 2, … */
function renumbered(cols: InteractionColumns): InteractionColumns {
  const keys = cols.dictionaries.customer;
  const k = keys.length;
  return { ...cols, customer: cols.customer.map((c) => k - c), dictionaries: { ...cols.dictionaries, customer: ["unused", ...[...keys].reverse()] } };
}

/** Per customer key: stage, since and transitions as the object path reports them. */
function byKey(s: StageColumns, rules: StageRules): Map<string, { stage: string | null; since: number | null; transitions: string[] }> {
  const out = new Map<string, { stage: string | null; since: number | null; transitions: string[] }>();
  s.customers.forEach((key, c) => {
    const k = s.stage[c] as number;
    out.set(key, { stage: k === -1 ? null : (s.stages[k] as string), since: k === -1 ? null : (s.since[c] as number), transitions: [] });
  });
  s.transitions.to.forEach((to, t) => {
    const from = s.transitions.from[t] as number;
    const reason = rules.rules[s.transitions.cause[t] as number]?.reason;
    out.get(s.customers[s.transitions.customer[t] as number] as string)?.transitions.push(`${from === -1 ? null : s.stages[from]}→${s.stages[to]}@${s.transitions.at[t]} ${reason}`);
  });
  return out;
}

function expectSameAsObjectPath(its: readonly Interaction[], cols: InteractionColumns, rules: StageRules): void {
  const expected = new Map(
    [...inferJourneyStages(its, rules).values()].map((h) => [
      h.customer,
      { stage: h.stage, since: h.since, transitions: h.transitions.map((t) => `${t.from}→${t.to}@${t.at} ${t.reason}`) },
    ]),
  );
  expect(byKey(inferJourneyStagesColumnar(cols, rules), rules)).toEqual(expected);
}

// Few customers and days, so that ties in time and repeat purchases are common; a shuffle seed.
const logArb = fc.array(fc.record({ c: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 0, max: 30 }), type: fc.constantFrom(...TYPES) }), { minLength: 1, maxLength: 60 });

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("inferJourneyStagesColumnar, rules on type alone without lapse rules (fast-check)", () => {
  test.prop([logArb])("should agree with the object path on grouped columns", (log) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    for (const rules of [typeRules, promotionRules]) {
      expectSameAsObjectPath(its, toInteractionColumns(its), rules);
      expectSameAsObjectPath(its, renumbered(toInteractionColumns(its)), rules);
    }
  });

  test.prop([logArb, fc.integer()])("should agree with the object path on columns in any row order", (log, seed) => {
    const its = shuffled(
      log.map((e) => ev(`c${e.c}`, e.d, e.type)),
      seed,
    );
    for (const rules of [typeRules, promotionRules]) {
      expectSameAsObjectPath(its, rawColumns(its), rules);
      expectSameAsObjectPath(its, renumbered(rawColumns(its)), rules);
    }
  });

  test.prop([logArb, fc.integer()])("should return the same columns as the general kernel (a lapse rule that never fires)", (log, seed) => {
    const its = log.map((e) => ev(`c${e.c}`, e.d, e.type));
    for (const cols of [toInteractionColumns(its), renumbered(toInteractionColumns(its)), rawColumns(shuffled(its, seed))]) {
      expect(inferJourneyStagesColumnar(cols, typeRules)).toEqual(inferJourneyStagesColumnar(cols, withIdleLapse));
    }
  });
});

describe("inferJourneyStagesColumnar on columns that stop being grouped late", () => {
  // Grouped until the last row: the fused pass has recorded transitions by then and must drop them.
  const its = [ev("a", 0, "page_view"), ev("a", 1, "purchase"), ev("a", 2, "purchase"), ev("b", 0, "product_view"), ev("b", 3, "purchase"), ev("b", 4, "page_view")];

  it("should group a block whose time goes back, as the object path does", () => {
    const late = [...its, ev("b", 2, "purchase")];
    expectSameAsObjectPath(late, rawColumns(late), promotionRules);
    expect(byKey(inferJourneyStagesColumnar(rawColumns(late), promotionRules), promotionRules).get("userId:b")?.transitions).toEqual([
      "null→consideration@" + (T0 + 0 * DAY) + " intent",
      "consideration→conversion@" + (T0 + 2 * DAY) + " first purchase",
      "conversion→retention@" + (T0 + 3 * DAY) + " repeat purchase",
    ]);
  });

  it("should group a customer that comes back after another one's rows, as the object path does", () => {
    const back = [...its, ev("a", 5, "product_view")];
    expectSameAsObjectPath(back, rawColumns(back), promotionRules);
    const s = inferJourneyStagesColumnar(rawColumns(back), promotionRules);
    expect(s.customers).toEqual(["userId:a", "userId:b"]);
    expect([...s.stage].map((k) => s.stages[k])).toEqual(["retention", "conversion"]);
  });

  it("should check the time order of a block's rows after the customer reached a stage no rule leaves", () => {
    // a reaches retention (no rule leaves it) on day 2; its last row goes back to day 0.5
    const tail = [ev("a", 0, "page_view"), ev("a", 1, "purchase"), ev("a", 2, "purchase"), ev("a", 0.5, "purchase"), ev("b", 0, "product_view")];
    expectSameAsObjectPath(tail, rawColumns(tail), promotionRules);
    const s = inferJourneyStagesColumnar(rawColumns(tail), promotionRules);
    expect([s.stage[0], s.since[0]]).toEqual([3, T0 + 1 * DAY]);
  });

  it("should treat customer codes outside the dictionary as the general path does", () => {
    // four customers, a dictionary of two: more blocks than codes
    const four = [...its, ev("c", 0, "purchase"), ev("d", 1, "product_view")];
    const cols = toInteractionColumns(four);
    const bad = { ...cols, dictionaries: { ...cols.dictionaries, customer: cols.dictionaries.customer.slice(0, 2) } };
    expect(inferJourneyStagesColumnar(bad, typeRules)).toEqual(inferJourneyStagesColumnar(bad, withIdleLapse));
  });
});
