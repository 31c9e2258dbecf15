import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { customerSatisfactionScore } from "./customerSatisfactionScore.js";
import { customerSatisfactionScoreFromColumn, netPromoterScoreFromColumn } from "./fromScoreColumn.js";
import { metricDefinitions } from "./metricDefinitions.js";
import { netPromoterScore } from "./netPromoterScore.js";

describe("column paths", () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 500 })])("NPS from a byte column should equal the raw path", (xs) => {
    expect(netPromoterScoreFromColumn(Uint8Array.from(xs))).toEqual(netPromoterScore(xs));
    expect(netPromoterScoreFromColumn(Int8Array.from(xs))).toEqual(netPromoterScore(xs));
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 500 })])("CSAT from a byte column should equal the raw path", (xs) => {
    expect(customerSatisfactionScoreFromColumn(Uint8Array.from(xs))).toEqual(customerSatisfactionScore(xs));
  });

  it("should name the first position of an answer off the scale, negative bytes included", () => {
    expect(() => netPromoterScoreFromColumn(Uint8Array.of(10, 9, 11, 12))).toThrow(expect.objectContaining({ code: "METRIC.OUT_OF_RANGE", path: ["responses", 2] }));
    expect(() => netPromoterScoreFromColumn(Int8Array.of(10, -1))).toThrow(expect.objectContaining({ path: ["responses", 1], value: -1 }));
    expect(() => netPromoterScoreFromColumn(new Uint8Array(0))).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });

  it("should tag every result with its versioned definition", () => {
    const r = netPromoterScore([10]);
    expect(r.definition).toBe("nps@1");
    expect(metricDefinitions[r.definition].buckets).toContain("promoters 9–10");
    expect(customerSatisfactionScore([5]).definition).toBe("csat@1");
  });
});
