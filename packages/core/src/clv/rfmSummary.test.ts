import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { rfmSummary, rfmSummaryFromColumns, type Transaction } from "./rfmSummary.js";

const DAY = 86_400_000;
const log = fc.array(
  fc.record({
    customerId: fc.constantFrom("a", "b", "c", 7, 8),
    date: fc.integer({ min: 0, max: 60 }).map((d) => Date.UTC(2024, 0, 1) + d * DAY + 3_600_000),
    amount: fc.double({ min: 0, max: 500, noNaN: true }),
  }),
  { minLength: 1, maxLength: 80 },
);

describe("rfmSummary examples", () => {
  it("should collapse same-day purchases into one occasion with amounts summed (the TSDoc example)", () => {
    const s = rfmSummary(
      [
        { customerId: "a", date: "2024-01-01", amount: 10 },
        { customerId: "a", date: "2024-01-08", amount: 30 },
        { customerId: "a", date: "2024-01-08", amount: 10 },
        { customerId: "b", date: "2024-01-15", amount: 5 },
      ],
      { timeUnit: "weeks", observationEnd: "2024-01-29" },
    );
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetaryValue[0]]).toEqual([1, 1, 4, 40]);
    expect([s.frequency[1], s.recency[1], s.T[1], s.monetaryValue[1]]).toEqual([0, 0, 2, 0]);
    expect(s.customerIds).toEqual(["a", "b"]);
  });

  it("should split calibration and holdout at a date and leave out customers who start later", () => {
    const s = rfmSummary(
      [
        { customerId: 1, date: "20240101", amount: 10 },
        { customerId: 1, date: "20240105", amount: 20 },
        { customerId: 1, date: "20240112", amount: 30 },
        { customerId: 1, date: "20240113", amount: 50 },
        { customerId: 2, date: "20240111", amount: 5 },
      ],
      { timeUnit: "days", calibrationEnd: "2024-01-10", observationEnd: "2024-01-20" },
    );
    expect(s.customerIds).toEqual([1]);
    expect(s.frequency[0]).toBe(1);
    expect(s.recency[0]).toBe(4);
    expect(s.T[0]).toBe(9);
    expect(s.monetaryValue[0]).toBe(20);
    expect(s.holdoutFrequency[0]).toBe(2);
    expect(s.holdoutMonetaryValue[0]).toBe(40);
    expect(s.holdoutDuration).toBe(10);
  });

  it("should give recency 2 days from columns (the TSDoc example)", () => {
    expect(rfmSummaryFromColumns({ customerId: ["a", "a"], date: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)], amount: [10, 20] }, { timeUnit: "days" }).recency[0]).toBe(2);
  });
});

describe("rfmSummary laws", () => {
  test.prop([log, fc.integer()])("should not depend on the order of the log", (rows, seed) => {
    const shuffled = rows.map((r, i) => ({ r, k: (i * 2654435761 + seed) % 1000 })).sort((a, b) => a.k - b.k).map((e) => e.r);
    const a = rfmSummary(rows, { timeUnit: "days" });
    const b = rfmSummary(shuffled, { timeUnit: "days" });
    const byId = (s: typeof a) => new Map(s.customerIds.map((id, i) => [id, [s.frequency[i], s.recency[i], s.T[i]]]));
    expect(byId(b)).toEqual(byId(a));
    a.customerIds.forEach((id, i) => {
      const j = b.customerIds.indexOf(id);
      expect(b.monetaryValue[j]).toBeCloseTo(a.monetaryValue[i] as number, 9);
    });
  });

  test.prop([log])("should satisfy 0 ≤ t_x ≤ T, x = 0 ⇔ t_x = 0, and agree with the columnar form", (rows) => {
    const s = rfmSummary(rows, { timeUnit: "weeks" });
    s.customerIds.forEach((_, i) => {
      const x = s.frequency[i] as number;
      const tx = s.recency[i] as number;
      expect(tx).toBeGreaterThanOrEqual(0);
      expect(tx).toBeLessThanOrEqual(s.T[i] as number);
      expect(x === 0).toBe(tx === 0);
      expect(s.monetaryValue[i]).toBeGreaterThanOrEqual(0);
    });
    const cols = { customerId: rows.map((r) => r.customerId), date: rows.map((r) => r.date), amount: rows.map((r) => r.amount) };
    expect(rfmSummaryFromColumns(cols, { timeUnit: "weeks" })).toEqual(s);
  });

  test.prop([log])("should count each purchase day once: Σ(x + 1) = distinct (customer, day) pairs", (rows) => {
    const s = rfmSummary(rows, { timeUnit: "days" });
    const pairs = new Set(rows.map((r) => `${String(r.customerId)}|${Math.floor(r.date / DAY)}`));
    expect(Array.from(s.frequency).reduce((a, x) => a + x + 1, 0)).toBe(pairs.size);
  });
});

describe("rfmSummary bad input", () => {
  const ok: Transaction = { customerId: "a", date: "2024-01-01", amount: 1 };
  const fails = (rows: readonly Transaction[], code: string, path: readonly (string | number)[]) => {
    try {
      rfmSummary(rows);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe(code);
      expect((e as InputError).path).toEqual(path);
      expect((e as InputError).message).toMatch(/^rfmSummary requires /);
    }
  };
  it("should reject an empty log, negative and non-finite amounts, bad dates and ids", () => {
    fails([], "METRIC.EMPTY_SAMPLE", ["transactions"]);
    fails([ok, { ...ok, amount: -5 }], "METRIC.OUT_OF_RANGE", ["transactions", 1, "amount"]);
    fails([ok, { ...ok, amount: Infinity }], "METRIC.NOT_FINITE", ["transactions", 1, "amount"]);
    fails([ok, { ...ok, date: "not a date" }], "JOURNEY.INVALID_TIMESTAMP", ["transactions", 1, "date"]);
    fails([{ ...ok, customerId: NaN }], "JOURNEY.INVALID_FIELD", ["transactions", 0, "customerId"]);
  });

  it("should reject a calibration end after the observation end and an unknown unit", () => {
    expect(() => rfmSummary([ok], { calibrationEnd: "2024-02-01", observationEnd: "2024-01-15" })).toThrow(/requires calibrationEnd on or before observationEnd/);
    expect(() => rfmSummary([ok], { timeUnit: "months" as never })).toThrow(/requires timeUnit "days" or "weeks"/);
    expect(() => rfmSummaryFromColumns({ customerId: ["a"], date: [], amount: [1] })).toThrow(/requires columns of equal length/);
  });
});
