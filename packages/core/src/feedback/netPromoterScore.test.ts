import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { InputError } from "../errors/InputError.js";
import { netPromoterScore, netPromoterScoreFromCounts } from "./netPromoterScore.js";

const answer = fc.integer({ min: 0, max: 10 });
const answers = fc.array(answer, { minLength: 1, maxLength: 300 });
const withSkips = fc.array(fc.oneof(answer, fc.constant(null), fc.constant(undefined)), { maxLength: 300 });

describe("netPromoterScore laws", () => {
  test.prop([answers])("should stay within [-100, 100] with the interval around the score", (xs) => {
    const r = netPromoterScore(xs);
    expect(r.score).toBeGreaterThanOrEqual(-100);
    expect(r.score).toBeLessThanOrEqual(100);
    expect(r.interval.lower).toBeLessThanOrEqual(r.score);
    expect(r.interval.upper).toBeGreaterThanOrEqual(r.score);
    expect(r.interval.lower).toBeGreaterThanOrEqual(-100);
    expect(r.interval.upper).toBeLessThanOrEqual(100);
  });

  test.prop([answer])("should put every integer 0–10 in exactly one bucket", (x) => {
    const r = netPromoterScore([x]);
    expect(r.promoters + r.passives + r.detractors).toBe(1);
    expect(r.promoters).toBe(x >= 9 ? 1 : 0);
    expect(r.passives).toBe(x === 7 || x === 8 ? 1 : 0);
    expect(r.detractors).toBe(x <= 6 ? 1 : 0);
  });

  test.prop([answers, fc.integer()])("should not depend on the order of answers", (xs, seed) => {
    const shuffled = [...xs].sort((a, b) => ((a * 7919 + seed) % 11) - ((b * 7919 + seed) % 11));
    expect(netPromoterScore(shuffled)).toEqual(netPromoterScore(xs));
  });

  test.prop([answers])("should keep the score when a sample is concatenated with itself, and narrow the interval", (xs) => {
    const once = netPromoterScore(xs);
    const twice = netPromoterScore([...xs, ...xs]);
    expect(twice.score).toBeCloseTo(once.score, 10);
    expect(twice.standardError).toBeLessThanOrEqual(once.standardError + 1e-12);
  });

  test.prop([answers, fc.integer({ min: 9, max: 10 })])("should never lower the score when a promoter is added", (xs, p) => {
    expect(netPromoterScore([...xs, p]).score).toBeGreaterThanOrEqual(netPromoterScore(xs).score - 1e-12);
  });

  test.prop([withSkips])("should agree exactly with the counts path and exclude non-answers from n", (xs) => {
    const valid = xs.filter((x): x is number => typeof x === "number");
    fc.pre(valid.length > 0);
    const r = netPromoterScore(xs);
    const counts = {
      promoters: valid.filter((x) => x >= 9).length,
      passives: valid.filter((x) => x === 7 || x === 8).length,
      detractors: valid.filter((x) => x <= 6).length,
      skipped: xs.length - valid.length,
    };
    expect(netPromoterScoreFromCounts(counts)).toEqual(r);
    expect(r.n).toBe(valid.length);
  });
});

describe("netPromoterScore reference values", () => {
  test("should give the textbook example: 60% promoters, 15% detractors → 45 (Reichheld 2003)", () => {
    expect(netPromoterScoreFromCounts({ promoters: 60, passives: 25, detractors: 15 }).score).toBeCloseTo(45, 12);
  });

  test("should match the multinomial standard error", () => {
    // Var of one answer = (p + d) − (p − d)² = 0.75 − 0.2025 = 0.5475; SE = 100·√(0.5475/100) = 7.3993…
    // confirmed with Python: 100*math.sqrt((0.6+0.15-(0.6-0.15)**2)/100) = 7.399324293474372
    const r = netPromoterScoreFromCounts({ promoters: 60, passives: 25, detractors: 15 });
    expect(r.standardError).toBeCloseTo(7.399324293474372, 12);
    // 45 ± 1.959963984540054 · 7.399324293474372
    expect(r.interval.lower).toBeCloseTo(45 - 1.959963984540054 * 7.399324293474372, 10);
  });

  test("should reach the extremes for all promoters and all detractors", () => {
    expect(netPromoterScore([9, 10, 10]).score).toBe(100);
    expect(netPromoterScore([0, 3, 6]).score).toBe(-100);
  });
});

describe("netPromoterScore bad input", () => {
  test("should refuse an empty sample instead of scoring it 0", () => {
    expect(() => netPromoterScore([])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => netPromoterScore([null, undefined])).toThrow(/at least one valid answer/);
  });

  test.each([
    [11, "METRIC.OUT_OF_RANGE"],
    [-1, "METRIC.OUT_OF_RANGE"],
    [7.5, "METRIC.NOT_INTEGER"],
    [Number.NaN, "METRIC.NOT_FINITE"],
    [Number.POSITIVE_INFINITY, "METRIC.NOT_FINITE"],
  ])("should reject %s with %s and its position", (bad, code) => {
    try {
      netPromoterScore([10, 8, bad]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe(code);
      expect((e as InputError).path).toEqual(["responses", 2]);
    }
  });
});
