import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import type { CustomerFacts } from "./CustomerFacts.js";
import { evaluateTriggers } from "./evaluateTriggers.js";
import { holdoutHash, isHeldOut } from "./holdout.js";
import type { Trigger } from "./Trigger.js";

const idArb = fc.string({ minLength: 1, maxLength: 12 });

describe("holdout laws", () => {
  test.prop([idArb, idArb])("should map every pair into [0, 1), the same on every call", (t, c) => {
    const h = holdoutHash(t, c);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(1);
    expect(holdoutHash(t, c)).toBe(h);
  });

  test.prop([idArb, idArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])("should be monotone in the share (raising it only adds customers)", (t, c, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    if (isHeldOut(t, c, lo)) expect(isHeldOut(t, c, hi)).toBe(true);
  });

  test.prop([
    fc.uniqueArray(fc.stringMatching(/^c[0-9]{1,4}$/), { minLength: 1, maxLength: 30 }).chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }))),
  ])("should hold out the same customers whatever the order of the batch and its events", ([ids, shuffled]) => {
    const trigger: Trigger = { id: "t", condition: { kind: "interaction", interactionType: "purchase" }, action: { type: "message", channel: "email", template: "receipt", purpose: "service" }, priority: 1, holdoutShare: 0.3 };
    const facts = (list: string[]): CustomerFacts[] => list.map((customerId) => ({ customerId, interactions: [{ id: `p-${customerId}`, type: "purchase", at: 0 }] }));
    const a = evaluateTriggers(facts(ids), [trigger], 1).heldOut.map((h) => h.customerId).sort();
    const b = evaluateTriggers(facts(shuffled), [trigger], 1).heldOut.map((h) => h.customerId).sort();
    expect(b).toEqual(a);
    expect(a.every((id) => isHeldOut("t", id, 0.3))).toBe(true);
  });

  it.each([0.05, 0.1, 0.5, 0.9])("should hold out a share within 4 standard errors of %s (20 000 sequential ids, 3 triggers)", (share) => {
    const n = 20_000;
    for (const trigger of ["renewal-reminder", "t2", "winback"]) {
      let held = 0;
      for (let i = 0; i < n; i++) if (isHeldOut(trigger, `customer-${i}`, share)) held++;
      const se = Math.sqrt((share * (1 - share)) / n);
      expect(Math.abs(held / n - share)).toBeLessThan(4 * se);
    }
  });

  it("should hold out nearly independent sets for different triggers (overlap ≈ share², within 4 standard errors)", () => {
    const n = 20_000;
    const share = 0.2;
    let both = 0;
    for (let i = 0; i < n; i++) if (isHeldOut("a", `u${i}`, share) && isHeldOut("b", `u${i}`, share)) both++;
    const p = share * share;
    expect(Math.abs(both / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it("should hold out no one at 0 and everyone at 1, and reject shares outside [0, 1]", () => {
    expect(isHeldOut("t", "c", 0)).toBe(false);
    expect(isHeldOut("t", "c", 1)).toBe(true);
    expect(() => isHeldOut("t", "c", 1.5)).toThrow(InputError);
    expect(() => isHeldOut("t", "c", Number.NaN)).toThrow(/share in \[0, 1\]/);
  });
});
