import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { cohortRetention } from "./cohortRetention.js";

const activity = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) })),
  { minLength: 1, maxLength: 300 },
);

describe("cohortRetention", () => {
  it("should build the worked example: two January customers, one back in March", () => {
    const r = cohortRetention(["a", "b", "a", "c"], [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 9), Date.UTC(2024, 2, 2), Date.UTC(2024, 1, 1)], "month");
    expect(r.cohorts).toEqual(["2024-01", "2024-02"]);
    expect(r.sizes).toEqual([2, 1]);
    expect(r.counts).toEqual([[2, 0, 1], [1, 0]]);
    const rolling = cohortRetention(["a", "b", "a", "c"], [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 9), Date.UTC(2024, 2, 2), Date.UTC(2024, 1, 1)], "month", "rolling");
    expect(rolling.counts).toEqual([[2, 1, 1], [1, 0]]);
  });

  it("should label ISO weeks by their Monday", () => {
    // 2024-01-03 is a Wednesday: its week starts Monday 2024-01-01.
    expect(cohortRetention(["a"], [Date.UTC(2024, 0, 3)], "week").cohorts).toEqual(["2024-01-01"]);
  });

  test.prop([activity, fc.constantFrom("day" as const, "week" as const, "month" as const)])(
    "should keep cells within the cohort, period 0 equal to the cohort, rolling ≥ classic and rolling non-increasing",
    (rows, period) => {
      const ids = rows.map((r) => r[0]);
      const ts = rows.map((r) => r[1]);
      const classic = cohortRetention(ids, ts, period);
      const rolling = cohortRetention(ids, ts, period, "rolling");
      expect(classic.sizes.reduce((a, b) => a + b, 0)).toBe(new Set(ids).size);
      classic.counts.forEach((row, c) => {
        expect(row[0]).toBe(classic.sizes[c]);
        row.forEach((v, k) => {
          expect(v).toBeLessThanOrEqual(classic.sizes[c] as number);
          expect((rolling.counts[c] as number[])[k]).toBeGreaterThanOrEqual(v);
          if (k > 0) expect((rolling.counts[c] as number[])[k]).toBeLessThanOrEqual((rolling.counts[c] as number[])[k - 1] as number);
        });
      });
    },
  );

  test.prop([activity, fc.constantFrom("day" as const, "week" as const, "month" as const), fc.constantFrom("classic" as const, "rolling" as const), fc.boolean()])(
    "should not depend on how customers are keyed: integer ids in a typed array, plain numbers or strings; nor on row order",
    (rows, period, mode, shuffle) => {
      const order = rows.map((_, i) => i);
      if (shuffle) order.reverse();
      const ids = order.map((i) => (rows[i] as [number, number])[0]);
      const ts = order.map((i) => (rows[i] as [number, number])[1]);
      const typed = cohortRetention(Int32Array.from(ids.map((id) => id * 1000)), ts, period, mode);
      expect(typed).toEqual(cohortRetention(ids, ts, period, mode));
      expect(typed).toEqual(cohortRetention(ids.map((id) => `c${id}`), ts, period, mode));
      expect(typed).toEqual(cohortRetention(rows.map((r) => r[0]), rows.map((r) => r[1]), period, mode));
    },
  );

  it("should refuse empty and mismatched input", () => {
    expect(() => cohortRetention([], [])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => cohortRetention(["a"], [1, 2])).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
  });
});
