import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { DAY, FIELDS, INTERACTIONS, T0, conditionArb, interpret, referencedSegments } from "../../test/segmentArbitraries.js";
import { createSegmentMembership } from "./createSegmentMembership.js";
import type { LadderTier, Profile } from "./Profile.js";
import type { ProfileChange } from "./ProfileChange.js";
import { recordInteraction } from "./recordInteraction.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";

type Step =
  | { readonly kind: "interaction"; readonly dt: number; readonly interaction: string }
  | { readonly kind: "trait"; readonly dt: number; readonly field: string; readonly value: string | number | null }
  | { readonly kind: "value"; readonly dt: number; readonly metric: "clv" | "lastNps"; readonly value: number }
  | { readonly kind: "tier"; readonly dt: number; readonly tier: LadderTier }
  | { readonly kind: "consent"; readonly dt: number; readonly key: string; readonly granted: boolean }
  | { readonly kind: "tick"; readonly dt: number };

// Time advances by whole hours up to 45 days, so windows open and close between events.
const dtArb = fc.integer({ min: 0, max: 45 * 24 }).map((h) => h * 3_600_000);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("interaction" as const), dt: dtArb, interaction: fc.constantFrom(...INTERACTIONS) }),
  fc.record({ kind: fc.constant("trait" as const), dt: dtArb, field: fc.constantFrom(...FIELDS), value: fc.oneof(fc.constantFrom("pro", "free", null), fc.integer({ min: 0, max: 100 }), fc.integer({ min: -100, max: 100 }).map((d) => T0 + d * DAY)) }),
  fc.record({ kind: fc.constant("value" as const), dt: dtArb, metric: fc.constantFrom("clv" as const, "lastNps" as const), value: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant("tier" as const), dt: dtArb, tier: fc.constantFrom("passive" as const, "active" as const, "advocate" as const) }),
  fc.record({ kind: fc.constant("consent" as const), dt: dtArb, key: fc.constantFrom("marketing", "marketing:email", "analytics:sms"), granted: fc.boolean() }),
  fc.record({ kind: fc.constant("tick" as const), dt: dtArb }),
);

function apply(p: Profile, s: Step, now: number): [Profile, ProfileChange | undefined] {
  switch (s.kind) {
    case "interaction":
      return [recordInteraction(p, s.interaction, now), { kind: "interaction", interaction: s.interaction }];
    case "trait":
      return [{ ...p, traits: { ...p.traits, [s.field]: s.value } }, { kind: "trait", field: s.field }];
    case "value":
      return [{ ...p, values: { ...p.values, [s.metric]: s.value } }, { kind: "value", metric: s.metric }];
    case "tier":
      return [{ ...p, tier: s.tier }, { kind: "tier" }];
    case "consent":
      return [{ ...p, consent: { ...p.consent, [s.key]: s.granted } }, { kind: "consent", purpose: s.key.split(":")[0] as string }];
    case "tick":
      return [p, undefined];
  }
}

const definitionsArb = fc.array(conditionArb, { minLength: 1, maxLength: 6 }).map((cs) => cs.map((condition, i): SegmentDefinition => ({ id: `s${i}`, condition })));

describe("createSegmentMembership laws", () => {
  test.prop([definitionsArb, fc.array(stepArb, { minLength: 1, maxLength: 25 })], { numRuns: 200 })(
    "should agree with full recomputation after every event and every due check",
    (definitions, steps) => {
      const m = createSegmentMembership(definitions, { segments: referencedSegments });
      let now = T0 - 120 * DAY;
      let profile: Profile = { id: "c", traits: {}, interactions: {} };
      const state = m.evaluate(profile, now);
      const members = (s: { member: Uint8Array }) => Array.from(s.member);
      for (const step of steps) {
        // Checks due before the event happen at their due time, as a scheduler would run them.
        while (state.nextCheckAt <= now + step.dt) {
          const at = state.nextCheckAt;
          const before = members(state);
          const delta = m.expire(state, profile, at);
          expect(members(state)).toEqual(members(m.evaluate(profile, at)));
          expect(delta.entered.length + delta.exited.length).toBe(before.filter((x, i) => x !== state.member[i]).length);
          expect(state.nextCheckAt).toBeGreaterThan(at);
        }
        now += step.dt;
        const [next, change] = apply(profile, step, now);
        profile = next;
        const before = members(state);
        const delta = change === undefined ? m.expire(state, profile, now) : m.update(state, profile, change, now);
        const full = m.evaluate(profile, now);
        expect(members(state)).toEqual(members(full));
        // The oracle agrees too, and the delta names exactly the flipped segments.
        definitions.forEach((d, i) => expect(state.member[i]).toBe(interpret(d.condition, profile, now) ? 1 : 0));
        const flipped = definitions.filter((_, i) => before[i] !== state.member[i]).map((d) => d.id);
        expect([...delta.entered, ...delta.exited].sort()).toEqual(flipped.sort());
      }
    },
  );

  // Focused on time: every leaf is relative to now, and the only trait written is a date that may lie in the future.
  const timeLeaf = fc.oneof(
    fc.record({ type: fc.constant("trait" as const), field: fc.constant("signup"), op: fc.constantFrom("withinLast" as const, "moreThanAgo" as const, "withinNext" as const), days: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ type: fc.constant("performed" as const), interaction: fc.constant("purchase"), op: fc.constantFrom("atLeast" as const, "atMost" as const, "exactly" as const), times: fc.integer({ min: 0, max: 2 }), withinDays: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ type: fc.constantFrom("firstPerformed" as const, "lastPerformed" as const), interaction: fc.constant("purchase"), op: fc.constantFrom("withinLast" as const, "moreThanAgo" as const), days: fc.integer({ min: 1, max: 30 }) }),
  );
  const timeStep: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant("interaction" as const), dt: dtArb, interaction: fc.constant("purchase") }),
    fc.record({ kind: fc.constant("trait" as const), dt: dtArb, field: fc.constant("signup"), value: fc.integer({ min: -60, max: 60 }).map((d) => T0 + d * DAY) }),
    fc.record({ kind: fc.constant("tick" as const), dt: dtArb }),
  );
  test.prop([fc.array(timeLeaf, { minLength: 1, maxLength: 4 }), fc.array(timeStep, { minLength: 1, maxLength: 20 })], { numRuns: 200 })(
    "should keep time-based segments current through next-check times, with dates in the past and the future",
    (leaves, steps) => {
      const definitions = leaves.map((condition, i): SegmentDefinition => ({ id: `t${i}`, condition }));
      const m = createSegmentMembership(definitions);
      let now = T0 - 30 * DAY;
      let profile: Profile = { id: "c", traits: {}, interactions: {} };
      const state = m.evaluate(profile, now);
      for (const step of steps) {
        while (state.nextCheckAt <= now + step.dt) {
          const at = state.nextCheckAt;
          m.expire(state, profile, at);
          expect(Array.from(state.member)).toEqual(Array.from(m.evaluate(profile, at).member));
        }
        now += step.dt;
        const [next, change] = apply(profile, step, now);
        profile = next;
        if (change === undefined) m.expire(state, profile, now);
        else m.update(state, profile, change, now);
        expect(Array.from(state.member)).toEqual(Array.from(m.evaluate(profile, now).member));
        // Between checks nothing may change: just before the next check the full evaluation still agrees.
        if (Number.isFinite(state.nextCheckAt)) {
          expect(Array.from(m.evaluate(profile, state.nextCheckAt - 1).member)).toEqual(Array.from(state.member));
        }
      }
    },
  );

  test.prop([definitionsArb])("should only index segments under keys their conditions read", (definitions) => {
    const m = createSegmentMembership(definitions, { segments: referencedSegments });
    const json = definitions.map((d) => JSON.stringify(d.condition));
    const affected = m.affectedBy({ kind: "trait", field: "vip" });
    definitions.forEach((_, i) => expect(affected.includes(i)).toBe(json[i]?.includes('"field":"vip"') ?? false));
  });
});

describe("createSegmentMembership behaviour", () => {
  const lapsed: SegmentDefinition = { id: "lapsed", condition: { type: "all", conditions: [{ type: "performed", interaction: "purchase", op: "atLeast", times: 1 }, { type: "not", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1, withinDays: 90 } }] } };
  const pro: SegmentDefinition = { id: "pro", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } };

  test("should expire 'no purchase in 90 days' at the next-check time, without an event", () => {
    const m = createSegmentMembership([lapsed, pro]);
    const p = recordInteraction({ id: "c", traits: {}, interactions: {} }, "purchase", T0);
    const s = m.evaluate({ id: "c", traits: {}, interactions: {} }, T0);
    expect(m.update(s, p, { kind: "interaction", interaction: "purchase" }, T0)).toEqual({ entered: [], exited: [], nextCheckAt: T0 + 90 * DAY });
    expect(m.expire(s, p, T0 + 90 * DAY)).toEqual({ entered: ["lapsed"], exited: [], nextCheckAt: Infinity });
  });

  test("should re-evaluate only the segments that read the changed field", () => {
    const m = createSegmentMembership([lapsed, pro]);
    expect(m.affectedBy({ kind: "trait", field: "plan" })).toEqual([1]);
    expect(m.affectedBy({ kind: "interaction", interaction: "purchase" })).toEqual([0]);
    expect(m.affectedBy({ kind: "trait", field: "unused" })).toEqual([]);
  });

  test("should reject duplicate ids", () => {
    expect(() => createSegmentMembership([pro, pro])).toThrow(/distinct segment ids/);
  });
});
