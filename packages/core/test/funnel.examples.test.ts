// Small worked examples of computeFunnel, every number derived by hand in the comments.
import { describe, expect, it } from "vitest";
import { computeFunnel } from "../src/journey/computeFunnel.js";
import { computeFunnelColumnar } from "../src/journey/computeFunnelColumnar.js";
import type { FunnelDefinition } from "../src/journey/FunnelDefinition.js";
import type { Interaction } from "../src/journey/Interaction.js";
import { toInteractionColumns } from "../src/journey/toInteractionColumns.js";

let n = 0;
const ev = (c: string, t: number, type: string, channel = "web"): Interaction => ({ id: `e${n++}`, customer: { kind: "userId", value: c }, timestamp: t, touchpoint: `${type}_tp`, channel, type });
// u1: view 0, cart 1, x 2 (sms), buy 3 — u2: cart 0 (email), view 1, buy 5 — u3: view 0, x 2, cart 3, buy 4
const log = [
  ev("u1", 0, "view"), ev("u1", 1, "cart"), ev("u1", 2, "x", "sms"), ev("u1", 3, "buy"),
  ev("u2", 0, "cart", "email"), ev("u2", 1, "view"), ev("u2", 5, "buy"),
  ev("u3", 0, "view"), ev("u3", 2, "x"), ev("u3", 3, "cart"), ev("u3", 4, "buy"),
];
const def = (over: Partial<FunnelDefinition> = {}): FunnelDefinition => ({
  steps: ["view", "cart", "buy"].map((t) => ({ id: t, match: { type: t } })),
  windowMs: 10,
  ...over,
});
const counts = (d: FunnelDefinition) => computeFunnel(log, d).steps.map((s) => s.count);

describe("computeFunnel worked examples", () => {
  it("should count each mode as derived by hand", () => {
    // ordered: u1 view→cart→buy; u2 has no cart after its view; u3 view→cart→buy
    expect(counts(def())).toEqual([3, 2, 2]);
    // strict: u1 view,cart then x breaks it; u2 view then buy; u3 view then x
    expect(counts(def({ mode: "strict" }))).toEqual([3, 1, 0]);
    // unordered: all three have view, cart and buy inside 10 ms
    expect(counts(def({ mode: "unordered" }))).toEqual([3, 3, 3]);
    // window 2: u1 buys at 3 > 0 + 2; u3 carts at 3 > 2
    expect(counts(def({ windowMs: 2 }))).toEqual([3, 1, 0]);
    // exclusion x between view and buy: voids u1 after its cart and u3 after its view
    expect(counts(def({ exclusions: [{ match: { type: "x" } }] }))).toEqual([3, 1, 0]);
    // exclusion only between cart and buy: u1 is voided after the cart; u3's x comes before its cart
    expect(counts(def({ exclusions: [{ match: { type: "x" }, between: [1, 2] }] }))).toEqual([3, 2, 1]);
  });

  it("should report rates, Wilson intervals, drop-off and time to convert", () => {
    const r = computeFunnel(log, def());
    const cart = r.steps[1]!;
    expect(cart.conversionFromPrevious).toBe(2 / 3);
    expect(cart.dropOff).toBe(1);
    expect(cart.dropOffRate).toBeCloseTo(1 / 3, 15);
    // statsmodels 0.15.0: proportion_confint(2, 3, method="wilson") = (0.2076596008020477, 0.9385080552796037)
    expect(cart.conversionFromPreviousInterval!.lower).toBeCloseTo(0.2076596008020477, 12);
    expect(cart.conversionFromPreviousInterval!.upper).toBeCloseTo(0.9385080552796037, 12);
    expect(r.steps[2]!.conversionFromPrevious).toBe(1);
    // converters: u1 in 3 ms, u3 in 4 ms → median 3.5, p90 = 3 + 0.9·(4 − 3) (type 7)
    expect(r.timeToConvert).toEqual({ n: 2, median: 3.5, p90: 3.9 });
    expect(r.steps[0]!.timeFromStart).toEqual({ n: 3, median: 0, p90: 0 });
  });

  it("should credit first and last touches", () => {
    const first = computeFunnel(log, def(), { breakdown: { by: "channel", attribution: "first" } });
    // first touches: u1 web, u2 email (its cart at 0), u3 web
    expect(first.breakdown!.map((g) => [g.key, g.steps.map((s) => s.count)])).toEqual([
      ["web", [2, 2, 2]],
      ["email", [1, 0, 0]],
    ]);
    // last touch before the furthest step: u1 → x on sms (before buy 3); u2 → cart on email (before view 1); u3 → cart on web
    const last = computeFunnel(log, def(), { breakdown: { by: "channel", attribution: "last" } });
    expect(new Map(last.breakdown!.map((g) => [g.key, g.entered]))).toEqual(new Map([["sms", 1], ["email", 1], ["web", 1]]));
    const tp = computeFunnel(log, def(), { breakdown: { by: "touchpoint", attribution: "first" } });
    expect(new Map(tp.breakdown!.map((g) => [g.key, g.entered]))).toEqual(new Map([["view_tp", 2], ["cart_tp", 1]]));
    expect(computeFunnelColumnar(toInteractionColumns(log), def(), { breakdown: { by: "channel", attribution: "last" } }).breakdown).toEqual(last.breakdown);
  });

  it("should reject bad definitions and empty logs with paths", () => {
    expect(() => computeFunnel([], def())).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE", path: ["interactions"] }));
    expect(() => computeFunnel(log, def({ steps: [] }))).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => computeFunnel(log, def({ windowMs: 0 }))).toThrow(expect.objectContaining({ code: "METRIC.OUT_OF_RANGE", path: ["definition", "windowMs"] }));
    expect(() => computeFunnel(log, def({ exclusions: [{ match: {}, between: [2, 1] }] }))).toThrow(expect.objectContaining({ path: ["definition", "exclusions", 0, "between"] }));
    expect(() => computeFunnel(log, { ...def(), steps: [{ id: "a", match: {} }, { id: "a", match: {} }] })).toThrow(expect.objectContaining({ code: "JOURNEY.DUPLICATE_ID", path: ["definition", "steps", 1, "id"] }));
    expect(() => computeFunnelColumnar(toInteractionColumns(log), { ...def(), steps: [{ id: "a", match: { where: () => true } }] })).toThrow(
      expect.objectContaining({ code: "METRIC.INVALID_OPTION", path: ["definition", "steps", 0, "match", "where"] }),
    );
  });
});
