import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { InputError } from "../errors/InputError.js";
import { rfmAnalysis } from "./rfmAnalysis.js";
import { rfmFromTransactions } from "./rfmFromTransactions.js";
import { rfmScores } from "./rfmScores.js";
import { rfmSegment } from "./rfmSegment.js";
import { defaultRfmSegmentGrid, defaultRfmSegmentNames } from "./rfmSegmentGrid.js";

// Values with many ties (small integer ranges) and without.
const column = (n: number) => fc.oneof(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }));
const rfmInput = fc.integer({ min: 1, max: 120 }).chain((n) => fc.record({ recencyDays: column(n), frequency: column(n), monetary: column(n) }));

/** Oracle for SQL NTILE(5): bucket sizes ⌈n/5⌉ for the first n mod 5 buckets, ⌊n/5⌋ after; rank i → 1-based bucket. */
function ntile(i: number, n: number): number {
  const sizes = [0, 1, 2, 3, 4].map((b) => Math.floor(n / 5) + (b < n % 5 ? 1 : 0));
  let acc = 0;
  for (let b = 0; b < 5; b++) {
    acc += sizes[b] as number;
    if (i < acc) return b + 1;
  }
  throw new Error("rank out of range");
}

describe("rfmScores laws", () => {
  test.prop([rfmInput, fc.constantFrom("together" as const, "split" as const)])("should score every customer 1–5", (input, ties) => {
    const s = rfmScores(input, { ties });
    for (const col of [s.r, s.f, s.m]) for (const x of col) expect(x >= 1 && x <= 5).toBe(true);
  });

  test.prop([rfmInput])("should split into NTILE quintiles whose sizes differ by at most one, better values never scoring lower", (input) => {
    const s = rfmScores(input, { ties: "split" });
    const n = input.frequency.length;
    for (const [col, scores, better] of [[input.frequency, s.f, 1], [input.monetary, s.m, 1], [input.recencyDays, s.r, -1]] as const) {
      const sizes = [1, 2, 3, 4, 5].map((k) => scores.filter((x) => x === k).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      // Order by (value, row) in the "better" direction; rank i gets ntile(i).
      const order = [...col.keys()].sort((a, b) => better * ((col[a] as number) - (col[b] as number)) || a - b);
      order.forEach((row, i) => expect(scores[row]).toBe(ntile(i, n)));
    }
  });

  test.prop([rfmInput])("should give tied values one score: the NTILE bucket of the number of strictly worse values", (input) => {
    const s = rfmScores(input);
    const n = input.frequency.length;
    for (const [col, scores, better] of [[input.frequency, s.f, 1], [input.monetary, s.m, 1], [input.recencyDays, s.r, -1]] as const) {
      for (let i = 0; i < n; i++) {
        const worse = Array.from(col).filter((v) => better * (v - (col[i] as number)) < 0).length;
        expect(scores[i]).toBe(ntile(worse, n));
      }
    }
  });

  test.prop([rfmInput, fc.integer()])("should not depend on row order when ties are kept together", (input, seed) => {
    const n = input.frequency.length;
    const perm = [...Array(n).keys()].sort((a, b) => (((a * 2654435761) ^ seed) >>> 0) - (((b * 2654435761) ^ seed) >>> 0));
    const pick = (c: ArrayLike<number>) => perm.map((i) => c[i] as number);
    const a = rfmScores(input);
    const b = rfmScores({ recencyDays: pick(input.recencyDays), frequency: pick(input.frequency), monetary: pick(input.monetary) });
    perm.forEach((row, j) => {
      expect(b.r[j]).toBe(a.r[row]);
      expect(b.f[j]).toBe(a.f[row]);
      expect(b.m[j]).toBe(a.m[row]);
    });
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 * 86_400_000 }), fc.integer({ min: -50, max: 500 })), { minLength: 1, maxLength: 200 })])(
    "should aggregate transactions like a straightforward group-by",
    (rows) => {
      // Each order id belongs to one customer: derive it from (customer, order).
      const customer = rows.map((r) => r[0]);
      const order = rows.map((r) => r[0] * 100 + r[1]);
      const time = rows.map((r) => r[2]);
      const amount = rows.map((r) => r[3]);
      const asOf = 101 * 86_400_000;
      const got = rfmFromTransactions({ customer, order, time, amount }, { asOf });
      const ids = [...new Set(customer)].sort((a, b) => a - b);
      expect(Array.from(got.customers)).toEqual(ids);
      ids.forEach((id, j) => {
        const mine = rows.filter((r) => r[0] === id);
        expect(got.recencyDays[j]).toBe((asOf - Math.max(...mine.map((r) => r[2]))) / 86_400_000);
        expect(got.frequency[j]).toBe(new Set(mine.map((r) => r[1])).size);
        expect(got.monetary[j]).toBe(mine.reduce((s, r) => s + r[3], 0));
      });
    },
  );
});

describe("rfmSegment", () => {
  test("should map every (r, f, m) to one of the eleven named segments, each reachable", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m));
    expect([...seen].sort()).toEqual([...defaultRfmSegmentNames].sort());
  });

  test("should read the grid at R and FM = round((f + m) / 2), halves up", () => {
    expect(rfmSegment(5, 5, 5)).toBe("Champions");
    expect(rfmSegment(1, 1, 1)).toBe("Lost");
    expect(rfmSegment(5, 1, 1)).toBe("New");
    expect(rfmSegment(1, 5, 5)).toBe("Cannot Lose Them");
    expect(rfmSegment(4, 1, 2)).toBe("Potential Loyalist"); // fm = round(1.5) = 2
    expect(rfmSegment(4, 1, 1)).toBe("Promising");
    expect(rfmSegment(3, 1, 1)).toBe("About to Sleep");
    expect(rfmSegment(3, 3, 3)).toBe("Need Attention");
    expect(rfmSegment(2, 3, 4)).toBe("At Risk");
    expect(rfmSegment(2, 1, 1)).toBe("Hibernating");
    expect(rfmSegment(3, 4, 4)).toBe("Loyal");
    expect(rfmSegment(1, 1, 1, { cells: defaultRfmSegmentGrid.cells.map((row) => row.map(() => "X")) })).toBe("X");
  });

  test("should reject scores outside 1–5 and non-integers", () => {
    expect(() => rfmSegment(0, 1, 1)).toThrow(InputError);
    expect(() => rfmSegment(2.5, 1, 1)).toThrow(/integer r score in 1–5/);
    expect(() => rfmSegment(1, 1, 1, { cells: [] })).toThrow(/5 × 5 grid/);
  });
});

describe("rfm bad input and worked examples", () => {
  test("should give the documented examples", () => {
    expect(Array.from(rfmScores({ recencyDays: [1, 10, 100, 5, 50], frequency: [9, 3, 1, 5, 2], monetary: [500, 80, 10, 200, 40] }).r)).toEqual([5, 3, 1, 4, 2]);
    const c = rfmFromTransactions({ customer: [7, 7, 9], order: [1, 2, 3], time: [0, 86400000, 0], amount: [10, 5, 3] }, { asOf: 2 * 86400000 });
    expect([...c.customers, ...c.recencyDays, ...c.frequency, ...c.monetary]).toEqual([7, 9, 1, 2, 2, 1, 15, 3]);
    expect(rfmAnalysis({ customer: [1, 2], time: [0, 9e7], amount: [5, 50] }, { asOf: 1e8 }).segment).toEqual(["Lost", "Hibernating"]);
  });

  test("should never score an empty sample and reject malformed columns", () => {
    expect(() => rfmScores({ recencyDays: [], frequency: [], monetary: [] })).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => rfmScores({ recencyDays: [1], frequency: [1, 2], monetary: [1] })).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
    expect(() => rfmScores({ recencyDays: [1, Number.NaN], frequency: [1, 2], monetary: [1, 2] })).toThrow(expect.objectContaining({ code: "METRIC.NOT_FINITE", path: ["recencyDays", 1] }));
    expect(() => rfmFromTransactions({ customer: [1], time: [0], amount: [1], mask: [0] }, { asOf: 1 })).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => rfmFromTransactions({ customer: [1.5], time: [0], amount: [1] }, { asOf: 1 })).toThrow(expect.objectContaining({ code: "METRIC.NOT_INTEGER" }));
    expect(() => rfmFromTransactions({ customer: [1], time: [0, 1], amount: [1] }, { asOf: 1 })).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
  });

  test("should use a hash map for sparse ids and agree with the dense path", () => {
    const sparse = rfmFromTransactions({ customer: [1, 1e9, 1], time: [0, 5, 9], amount: [1, 2, 3] }, { asOf: 10 });
    expect(Array.from(sparse.customers)).toEqual([1, 1e9]);
    expect(Array.from(sparse.monetary)).toEqual([4, 2]);
    expect(Array.from(sparse.frequency)).toEqual([2, 1]);
  });
});
