import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { customerSatisfactionScore } from "../src/feedback/customerSatisfactionScore.js";
import { differenceInProportions } from "../src/compare/differenceInProportions.js";

// NHS Friends and Family Test answers of 11 London GP surgeries (datasets/nhs_fft_gp_feedback, 3,882 rows).
// SOURCE.md: 5 × 2,616, 4 × 901, 3 × 181, 2 × 94, 1 × 71, "Don't know" × 19; Earls Court Surgery 1,270 rows; 2024-02 has 1,876.
const rows = readFileSync(resolve(import.meta.dirname, "../../../datasets/nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [time = "", surgery = "", , score = ""] = line.split(",");
    return { month: time.slice(0, 7), surgery, score: score === "" ? null : Math.round(Number(score)) };
  });

describe("CSAT on the NHS FFT answers", () => {
  it("should reproduce the SOURCE.md counts overall", () => {
    const r = customerSatisfactionScore(rows.map((x) => x.score));
    expect(r).toMatchObject({ n: 3863, satisfied: 2616 + 901, skipped: 19 });
    expect(r.share).toBeCloseTo(3517 / 3863, 15);
  });

  it("should score every surgery and month on its own answers, with counts that add up", () => {
    for (const key of ["surgery", "month"] as const) {
      const groups = new Map<string, (number | null)[]>();
      for (const x of rows) groups.set(x[key], [...(groups.get(x[key]) ?? []), x.score]);
      let n = 0;
      let satisfied = 0;
      for (const [, scores] of groups) {
        const valid = scores.filter((s): s is number => s !== null);
        if (valid.length === 0) continue;
        const r = customerSatisfactionScore(scores);
        // An independent count of the same group, without the library.
        expect(r.satisfied).toBe(valid.filter((s) => s >= 4).length);
        expect(r.n).toBe(valid.length);
        n += r.n;
        satisfied += r.satisfied;
      }
      expect({ n, satisfied }).toEqual({ n: 3863, satisfied: 3517 });
    }
    expect(rows.filter((x) => x.surgery === "Earls Court Surgery")).toHaveLength(1270);
    expect(rows.filter((x) => x.month === "2024-02")).toHaveLength(1876);
  });

  it("should tell whether the largest surgery differs from the rest (difference with an interval, not a bare number)", () => {
    const ec = rows.filter((x) => x.surgery === "Earls Court Surgery" && x.score !== null);
    const rest = rows.filter((x) => x.surgery !== "Earls Court Surgery" && x.score !== null);
    const d = differenceInProportions(
      { successes: rest.filter((x) => (x.score as number) >= 4).length, n: rest.length },
      { successes: ec.filter((x) => (x.score as number) >= 4).length, n: ec.length },
    );
    expect(d.interval.lower).toBeLessThanOrEqual(d.difference);
    expect(d.interval.upper).toBeGreaterThanOrEqual(d.difference);
    expect(d.pValue).toBeGreaterThanOrEqual(0);
  });
});
