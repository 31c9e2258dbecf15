import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { earnPoints, type EarnOperation } from "./earnPoints.js";
import { emptyPointsLedger } from "./emptyPointsLedger.js";
import { expirePoints } from "./expirePoints.js";
import type { PointsLedger } from "./PointsLedger.js";
import { pointsBalance } from "./pointsBalance.js";
import { redeemPoints, type RedeemOperation } from "./redeemPoints.js";
import { applyPointsOperations, type PointsOperation } from "./applyPointsOperations.js";

const DAY = 86_400_000;

type Op =
  | { kind: "earn"; dt: number; points: number; validity: number | null }
  | { kind: "redeem"; dt: number; points: number }
  | { kind: "expire"; dt: number }
  | { kind: "replay"; dt: number; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("earn" as const), dt: fc.integer({ min: 0, max: 20 * DAY }), points: fc.integer({ min: 1, max: 100 }), validity: fc.option(fc.integer({ min: 1, max: 60 * DAY }), { nil: null }) }),
  fc.record({ kind: fc.constant("redeem" as const), dt: fc.integer({ min: 0, max: 20 * DAY }), points: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant("expire" as const), dt: fc.integer({ min: 0, max: 20 * DAY }) }),
  fc.record({ kind: fc.constant("replay" as const), dt: fc.integer({ min: 0, max: 5 * DAY }), pick: fc.nat() }),
);

/** An independent FIFO model: lots in a plain array, expired by scanning, consumed oldest first. */
interface ModelLot { id: string; at: number; exp: number; rem: number }
function modelBalance(lots: ModelLot[], now: number): number {
  return lots.filter((l) => l.exp > now).reduce((s, l) => s + l.rem, 0);
}

const historySum = (l: PointsLedger): number => l.history.reduce((s, e) => s + (e.kind === "earn" ? e.points : -e.points), 0);

describe("points ledger laws", () => {
  test.prop([fc.array(opArb, { minLength: 1, maxLength: 60 })], { numRuns: 300 })(
    "should never go negative, draw FIFO from the oldest unexpired lots, sum its history to the balance, and apply each key once",
    (ops) => {
      let ledger = emptyPointsLedger("c");
      let now = 0;
      const model: ModelLot[] = [];
      const applied: ({ kind: "earn"; op: EarnOperation } | { kind: "redeem"; op: RedeemOperation })[] = [];
      ops.forEach((op, i) => {
        now += op.dt;
        if (op.kind === "earn") {
          const e: EarnOperation = { key: `e${i}`, at: now, points: op.points, expiresAt: op.validity === null ? null : now + op.validity };
          ledger = earnPoints(ledger, e);
          model.push({ id: e.key, at: now, exp: op.validity === null ? Infinity : now + op.validity, rem: op.points });
          applied.push({ kind: "earn", op: e });
        } else if (op.kind === "redeem") {
          const r: RedeemOperation = { key: `r${i}`, at: now, points: op.points };
          const available = modelBalance(model, now);
          if (op.points > available) {
            const before = ledger;
            expect(() => redeemPoints(before, r)).toThrow(expect.objectContaining({ code: ErrorCodes.INCONSISTENT, path: ["operation", "points"] }));
          } else {
            ledger = redeemPoints(ledger, r);
            // The model's FIFO draw: unexpired lots by earn time, each emptied before the next.
            let left = op.points;
            const draws: { lot: string; points: number }[] = [];
            for (const l of [...model].filter((m) => m.exp > now && m.rem > 0).sort((a, b) => a.at - b.at)) {
              if (left === 0) break;
              const take = Math.min(left, l.rem);
              l.rem -= take;
              left -= take;
              draws.push({ lot: l.id, points: take });
            }
            const entry = ledger.history[ledger.history.length - 1];
            expect(entry).toMatchObject({ kind: "redeem", key: r.key, points: op.points, lots: draws });
            applied.push({ kind: "redeem", op: r });
          }
        } else if (op.kind === "expire") {
          ledger = expirePoints(ledger, now);
        } else if (applied.length > 0) {
          const again = applied[op.pick % applied.length]!;
          const retried = { ...again.op, at: now };
          const next = again.kind === "earn" ? earnPoints(ledger, retried) : redeemPoints(ledger, retried);
          expect(next).toBe(ledger);
        }
        const balance = pointsBalance(ledger, now).points;
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(balance).toBe(modelBalance(model, now));
        for (const lot of ledger.lots) expect(lot.remaining).toBeGreaterThan(0);
        const keys = ledger.history.flatMap((e) => (e.kind === "expire" ? [] : [e.key]));
        expect(new Set(keys).size).toBe(keys.length);
      });
      // After writing the due expiries the history sums exactly to the balance.
      ledger = expirePoints(ledger, now);
      expect(historySum(ledger)).toBe(pointsBalance(ledger, now).points);
      expect(ledger.lots.reduce((s, l) => s + l.remaining, 0)).toBe(pointsBalance(ledger, now).points);
      // Expiries name a lot and take exactly what the model had left in it.
      for (const e of ledger.history) {
        if (e.kind !== "expire") continue;
        const m = model.find((l) => l.id === e.lot)!;
        expect(e.at).toBe(m.exp);
        expect(e.points).toBe(m.rem);
      }
      // History is in time order.
      for (let i = 1; i < ledger.history.length; i++) expect(ledger.history[i]!.at).toBeGreaterThanOrEqual(ledger.history[i - 1]!.at);
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 })])(
    "should expire first what was earned first when lots share one validity",
    (points) => {
      let l = emptyPointsLedger("c");
      points.forEach((p, i) => (l = earnPoints(l, { key: `e${i}`, at: i * DAY, points: p, expiresAt: i * DAY + 10 * DAY })));
      l = expirePoints(l, 100 * DAY);
      const expired = l.history.filter((e) => e.kind === "expire").map((e) => e.lot);
      expect(expired).toEqual(points.map((_, i) => `e${i}`));
    },
  );
});

describe("applyPointsOperations", () => {
  const batchOpArb: fc.Arbitrary<PointsOperation> = fc.oneof(
    fc.record({ kind: fc.constant("earn" as const), key: fc.constantFrom("k1", "k2", "k3", "k4", "k5", "k6"), at: fc.integer({ min: 0, max: 50 }), points: fc.integer({ min: 0, max: 60 }), expiresAt: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }) }),
    fc.record({ kind: fc.constant("redeem" as const), key: fc.constantFrom("k1", "k2", "k3", "k4", "k5", "k6"), at: fc.integer({ min: 0, max: 50 }), points: fc.integer({ min: 0, max: 80 }) }),
  );

  test.prop([fc.array(batchOpArb, { maxLength: 30 }), fc.array(batchOpArb, { maxLength: 5 })])(
    "should equal the fold of single earn/redeem calls that skips every call that throws, and report each outcome",
    (ops, prefix) => {
      const start = applyPointsOperations(emptyPointsLedger("c"), prefix).ledger;
      let folded = start;
      const expected: string[] = [];
      for (const op of ops) {
        try {
          const next = op.kind === "earn" ? earnPoints(folded, op) : redeemPoints(folded, op);
          expected.push(next === folded ? "duplicate" : "applied");
          folded = next;
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expected.push("rejected");
        }
      }
      const batch = applyPointsOperations(start, ops);
      expect(batch.ledger).toEqual(folded);
      expect(batch.results.map((r) => r.status)).toEqual(expected);
      expect(pointsBalance(batch.ledger, Math.max(50, ...ops.map((o) => o.at))).points).toBeGreaterThanOrEqual(0);
    },
  );
});

describe("points ledger examples", () => {
  it("should redeem from the oldest lot first and leave the newest partly used", () => {
    let l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 50 });
    l = earnPoints(l, { key: "b", at: 1, points: 50 });
    l = redeemPoints(l, { key: "r", at: 2, points: 70 });
    expect(l.lots).toEqual([{ id: "b", earnedAt: 1, expiresAt: null, points: 50, remaining: 30 }]);
    expect(l.history[2]).toEqual({ kind: "redeem", key: "r", at: 2, points: 70, lots: [{ lot: "a", points: 50 }, { lot: "b", points: 20 }] });
  });

  it("should not let expired points be redeemed", () => {
    let l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 100, expiresAt: 10 });
    l = earnPoints(l, { key: "b", at: 5, points: 20 });
    expect(() => redeemPoints(l, { key: "r", at: 10, points: 30 })).toThrow(InputError);
    const ok = redeemPoints(l, { key: "r", at: 10, points: 20 });
    expect(ok.history.map((e) => e.kind)).toEqual(["earn", "earn", "expire", "redeem"]);
    expect(pointsBalance(ok, 10).points).toBe(0);
  });

  it("should refuse bad input with typed errors", () => {
    const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 100, points: 10 });
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? `${e.code} ${e.path.join(".")}` : "other";
      }
      return undefined;
    };
    expect(code(() => earnPoints(l, { key: "b", at: 100, points: 1.5 }))).toBe(`${ErrorCodes.NOT_INTEGER} operation.points`);
    expect(code(() => earnPoints(l, { key: "b", at: 100, points: 0 }))).toBe(`${ErrorCodes.OUT_OF_RANGE} operation.points`);
    expect(code(() => earnPoints(l, { key: "b", at: 50, points: 1 }))).toBe(`${ErrorCodes.OUT_OF_ORDER} operation.at`);
    expect(code(() => earnPoints(l, { key: "b", at: 100, points: 1, expiresAt: 100 }))).toBe(`${ErrorCodes.OUT_OF_RANGE} operation.expiresAt`);
    expect(code(() => earnPoints(l, { key: "a", at: 100, points: 11 }))).toBe(`${ErrorCodes.DUPLICATE_ID} operation.key`);
    expect(code(() => redeemPoints(l, { key: "a", at: 100, points: 10 }))).toBe(`${ErrorCodes.DUPLICATE_ID} operation.key`);
    expect(code(() => redeemPoints(l, { key: "r", at: 100, points: 11 }))).toBe(`${ErrorCodes.INCONSISTENT} operation.points`);
    expect(code(() => earnPoints(l, { key: "", at: 100, points: 1 }))).toBe(`${ErrorCodes.INVALID_FIELD} operation.key`);
    expect(code(() => emptyPointsLedger(""))).toBe(`${ErrorCodes.INVALID_FIELD} customerId`);
    expect(code(() => pointsBalance(l, Number.NaN))).toBe(`${ErrorCodes.NOT_FINITE} now`);
  });
});
