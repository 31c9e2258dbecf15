import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { defaultHealthScoreConfig } from "./defaultHealthScoreConfig.js";
import type { HealthMeasure, HealthScoreConfig } from "./HealthScoreConfig.js";
import { healthScore } from "./healthScore.js";

const ids = ["a", "b", "c", "d", "e"] as const;

const measureArb = (id: string): fc.Arbitrary<HealthMeasure> =>
  fc
    .record({
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
      direction: fc.constantFrom("higher" as const, "lower" as const),
      t1: fc.double({ min: -100, max: 100, noNaN: true }),
      t2: fc.double({ min: -100, max: 100, noNaN: true }),
      p: fc.array(fc.double({ min: -50, max: 150, noNaN: true }), { minLength: 3, maxLength: 3 }),
      scoring: fc.constantFrom("bands" as const, "linear" as const),
    })
    .map(({ weight, direction, t1, t2, p, scoring }) => {
      const lo = Math.min(t1, t2);
      const hi = Math.max(t1, t2);
      const [red, yellow, green] = [...p].sort((x, y) => x - y) as [number, number, number];
      return {
        id,
        label: id.toUpperCase(),
        weight,
        direction,
        thresholds: direction === "higher" ? { red: lo, green: hi } : { red: hi, green: lo },
        points: { red, yellow, green },
        scoring,
      };
    });

const configArb: fc.Arbitrary<HealthScoreConfig> = fc.tuple(...ids.map(measureArb)).map((measures) => ({ measures }));
const valueArb = fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { nil: undefined, freq: 4 });
const valuesArb = fc.record(Object.fromEntries(ids.map((id) => [id, valueArb])) as Record<(typeof ids)[number], fc.Arbitrary<number | undefined>>);

describe("healthScore", () => {
  it("should score the documented example: (15·100 + 10·50) / 25 = 80, pAlive omitted", () => {
    const h = healthScore({ lastNps: 9, openTickets: 2, pAlive: null });
    expect(h.score).toBe(80);
    expect(h.color).toBe("green");
    expect(h.omitted).toEqual(["engagementScore", "lastCsat", "medianResponseHours", "pAlive", "purchaseTrend"]);
    expect(h.measures.map((m) => [m.id, m.color, m.points, m.weight])).toEqual([
      ["lastNps", "green", 100, 0.6],
      ["openTickets", "yellow", 50, 0.4],
    ]);
    expect(h.measures.reduce((s, m) => s + m.contribution, 0)).toBeCloseTo(80, 12);
  });

  it("should use the documented boundaries: green threshold is green, red threshold is yellow", () => {
    // lastNps: red 7, green 9 (higher); openTickets: red 3, green 1 (lower)
    const c = (v: Record<string, number>) => healthScore(v).measures.map((m) => m.color);
    expect(c({ lastNps: 9 })).toEqual(["green"]);
    expect(c({ lastNps: 8 })).toEqual(["yellow"]);
    expect(c({ lastNps: 7 })).toEqual(["yellow"]);
    expect(c({ lastNps: 6 })).toEqual(["red"]);
    expect(c({ openTickets: 1 })).toEqual(["green"]);
    expect(c({ openTickets: 3 })).toEqual(["yellow"]);
    expect(c({ openTickets: 4 })).toEqual(["red"]);
  });

  it("should interpolate in linear mode between the thresholds", () => {
    const config: HealthScoreConfig = {
      measures: [{ id: "x", label: "X", weight: 1, direction: "lower", thresholds: { red: 24, green: 4 }, scoring: "linear" }],
    };
    expect(healthScore({ x: 14 }, config).score).toBe(50);
    expect(healthScore({ x: 9 }, config).score).toBe(75);
    expect(healthScore({ x: 2 }, config).score).toBe(100);
    expect(healthScore({ x: 30 }, config).score).toBe(0);
  });

  it("should answer null with a reason, never 0, when no measure is present", () => {
    const h = healthScore({ lastNps: null, pAlive: undefined });
    expect(h.score).toBeNull();
    expect(h.color).toBeNull();
    expect(h.reason).toMatch(/no measure/);
    expect(h.explanation).toEqual([h.reason]);
    expect(h.omitted).toHaveLength(7);
  });

  it("should throw InputError with path [values, id] for NaN and Infinity, [history, k, id] in history", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "3" as unknown as number]) {
      try {
        healthScore({ pAlive: bad });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).code).toBe("METRIC.NOT_FINITE");
        expect((e as InputError).path).toEqual(["values", "pAlive"]);
      }
    }
    expect(() => healthScore({ pAlive: 0.9 }, undefined, [{ pAlive: 0.5 }, { lastNps: Number.NaN }])).toThrow(
      expect.objectContaining({ path: ["history", 1, "lastNps"] }),
    );
  });

  it("should refuse malformed configs with INVALID_OPTION and the field's path", () => {
    const m: HealthMeasure = { id: "x", label: "X", weight: 1, direction: "higher", thresholds: { red: 1, green: 2 } };
    const cases: [HealthScoreConfig, (string | number)[]][] = [
      [{ measures: [{ ...m, weight: 0 }] }, ["config", "measures", 0, "weight"]],
      [{ measures: [{ ...m, thresholds: { red: 3, green: 2 } }] }, ["config", "measures", 0, "thresholds"]],
      [{ measures: [{ ...m, direction: "lower" }] }, ["config", "measures", 0, "thresholds"]],
      [{ measures: [{ ...m, points: { red: 0, yellow: 80, green: 60 } }] }, ["config", "measures", 0, "points"]],
      [{ measures: [m, m] }, ["config", "measures", 1, "id"]],
    ];
    for (const [config, path] of cases) {
      expect(() => healthScore({ x: 1 }, config)).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION", path }));
    }
  });

  it("should report the trend and explain what moved it with numbers", () => {
    const before = { lastNps: 10, pAlive: 0.9, openTickets: 0 };
    const now = { lastNps: 10, pAlive: 0.3, openTickets: 0 };
    const h = healthScore(now, defaultHealthScoreConfig, [{ lastNps: 3 }, before]);
    // before: all green → 100; now: pAlive red (weight 20 of 45) → 100 · 25/45
    expect(h.trend.previous).toBe(100);
    expect(h.score).toBeCloseTo((100 * 25) / 45, 12);
    expect(h.trend.change).toBeCloseTo((100 * 25) / 45 - 100, 12);
    expect(h.trend.direction).toBe("down");
    expect(h.trend.series).toHaveLength(3);
    expect(h.trend.series[0]).toBe(0);
    expect(h.explanation[0]).toMatch(/^score 100 → 55.56 \(−44.44 points\)/);
    expect(h.explanation[1]).toMatch(/^pAlive: contribution 44.44 → 0 \(−44.44 points\); value 0.9 → 0.3, green → red/);
    expect(healthScore(before, undefined, [before]).trend.direction).toBe("flat");
  });

  test.prop([configArb, valuesArb])("score lies within [min points, max points] of the present measures", (config, values) => {
    const h = healthScore(values, config);
    if (h.score === null) {
      expect(h.measures).toHaveLength(0);
      return;
    }
    const pts = config.measures.filter((m) => values[m.id as (typeof ids)[number]] !== undefined).flatMap((m) => [m.points?.red ?? 0, m.points?.green ?? 100]);
    expect(h.score).toBeGreaterThanOrEqual(Math.min(...pts) - 1e-9);
    expect(h.score).toBeLessThanOrEqual(Math.max(...pts) + 1e-9);
  });

  test.prop([configArb, valuesArb, fc.constantFrom(...ids), fc.double({ min: 0, max: 100, noNaN: true })])(
    "improving one measure in its good direction never lowers the score",
    (config, values, id, step) => {
      const v = values[id];
      if (v === undefined) return;
      const m = config.measures.find((x) => x.id === id) as HealthMeasure;
      const better = { ...values, [id]: m.direction === "higher" ? v + step : v - step };
      expect((healthScore(better, config).score as number) >= (healthScore(values, config).score as number)).toBe(true);
    },
  );

  it("should never score the yellow band above green, even where red + (green − red) rounds past green (fast-check seed 1438429292)", () => {
    // The counterexample fast-check found: subnormal thresholds, points near −1e−113.
    const m = { id: "a", label: "A", weight: 0.01, direction: "lower" as const, thresholds: { red: 4.450147717014405e-308, green: 0 }, points: { red: -2.866508610870024e-113, yellow: -2.676561694587991e-114, green: -2.676561694587991e-114 }, scoring: "linear" as const };
    const yellow = healthScore({ a: 5e-324 }, { measures: [m] }).score as number;
    const green = healthScore({ a: 0 }, { measures: [m] }).score as number;
    expect(yellow <= green).toBe(true);
  });

  test.prop([configArb, valuesArb, fc.double({ min: 0.001, max: 1000, noNaN: true })])("scaling all weights by c > 0 leaves the score unchanged", (config, values, c) => {
    const scaled = { measures: config.measures.map((m) => ({ ...m, weight: m.weight * c })) };
    const a = healthScore(values, config);
    const b = healthScore(values, scaled);
    if (a.score === null) expect(b.score).toBeNull();
    else expect(b.score).toBeCloseTo(a.score, 9);
  });

  test.prop([configArb, valuesArb, measureArb("extra")])("adding a measure with no value changes nothing but omitted", (config, values, extra) => {
    const a = healthScore(values, config);
    const b = healthScore(values, { measures: [...config.measures, extra] });
    expect(b.score).toBe(a.score);
    expect(b.color).toBe(a.color);
    expect(b.measures).toEqual(a.measures);
    expect(b.omitted).toEqual([...a.omitted, "extra"]);
  });

  test.prop([configArb, fc.constantFrom(...ids), fc.double({ min: -200, max: 200, noNaN: true })])("one present measure scores its own points", (config, id, v) => {
    const h = healthScore({ [id]: v }, config);
    expect(h.measures).toHaveLength(1);
    // === (not Object.is): −0 points score as +0
    expect(h.score === h.measures[0]?.points).toBe(true);
  });
});
