import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { computeFunnel } from "../src/journey/computeFunnel.js";
import { computeFunnelColumnar } from "../src/journey/computeFunnelColumnar.js";
import type { FunnelDefinition, FunnelMode } from "../src/journey/FunnelDefinition.js";
import type { Interaction } from "../src/journey/Interaction.js";
import { dedupeInteractions } from "../src/journey/dedupeInteractions.js";
import type { InteractionColumns } from "../src/journey/InteractionColumns.js";
import { toInteractionColumns } from "../src/journey/toInteractionColumns.js";
import { oracleFunnel } from "./funnelOracle.js";

const TYPES = ["a", "b", "c", "d", "x"] as const;
const MODES: readonly FunnelMode[] = ["ordered", "strict", "unordered"];

const eventArb = fc.record({
  c: fc.integer({ min: 0, max: 4 }),
  t: fc.integer({ min: 0, max: 20 }),
  type: fc.constantFrom(...TYPES),
  ch: fc.constantFrom("web", "email"),
});
const logArb = fc.array(eventArb, { minLength: 1, maxLength: 40 });

function toInteractions(log: readonly { c: number; t: number; type: string; ch: string }[]): Interaction[] {
  return log.map((e, i) => ({
    id: `e${i}`,
    customer: { kind: "userId", value: `u${e.c}` },
    timestamp: e.t,
    touchpoint: `tp_${e.type}`,
    channel: e.ch,
    type: e.type,
  }));
}

function definition(K: number, windowMs: number, mode: FunnelMode, excl: boolean): FunnelDefinition {
  const base: FunnelDefinition = {
    steps: ["a", "b", "c", "d"].slice(0, K).map((t) => ({ id: t, match: { type: t } })),
    windowMs,
    mode,
  };
  return excl ? { ...base, exclusions: [{ match: { type: "x" }, between: [0, K - 1] }] } : base;
}

function counts(r: { steps: readonly { count: number }[] }): number[] {
  return r.steps.map((s) => s.count);
}

describe("funnel laws (fast-check)", () => {
  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 25 }), fc.constantFrom(...MODES), fc.boolean()], { numRuns: 400 })(
    "should agree with the naive oracle on counts and times, object and columnar paths",
    (log, K, w, mode, excl) => {
      const it = toInteractions(log);
      const withX = excl && K >= 2;
      const def = definition(K, w, mode, withX);
      const r = computeFunnel(it, def);
      const rc = computeFunnelColumnar(toInteractionColumns(it), def);
      const o = oracleFunnel(
        it.map((e) => ({ customer: e.customer.value, ts: e.timestamp, steps: def.steps.map((s) => s.match.type === e.type), excluded: [withX && e.type === "x"] })),
        K,
        w,
        mode,
        withX ? [[0, K - 1]] : [],
      );
      expect(counts(r)).toEqual(o.counts);
      expect(r.steps.map((s) => s.timeFromStart)).toEqual(o.times);
      expect(rc.steps).toEqual(r.steps);
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(...MODES)])(
    "should produce non-increasing step counts with rates in [0, 1]",
    (log, K, w, mode) => {
      const r = computeFunnel(toInteractions(log), definition(K, w, mode, false));
      for (let k = 1; k < K; k++) expect(r.steps[k]!.count).toBeLessThanOrEqual(r.steps[k - 1]!.count);
      for (const s of r.steps) {
        if (s.conversionFromPrevious !== null) {
          expect(s.conversionFromPrevious).toBeGreaterThanOrEqual(0);
          expect(s.conversionFromPrevious).toBeLessThanOrEqual(1);
          expect(s.conversionFromPreviousInterval!.lower).toBeLessThanOrEqual(s.conversionFromPrevious);
          expect(s.conversionFromPreviousInterval!.upper).toBeGreaterThanOrEqual(s.conversionFromPrevious);
        }
      }
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...MODES), fc.boolean()])(
    "should never lower any step count when the window widens",
    (log, K, w, extra, mode, excl) => {
      const it = toInteractions(log);
      const narrow = counts(computeFunnel(it, definition(K, w, mode, excl && K >= 2)));
      const wide = counts(computeFunnel(it, definition(K, w + extra, mode, excl && K >= 2)));
      narrow.forEach((n, k) => expect(wide[k]).toBeGreaterThanOrEqual(n));
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 })])(
    "should order conversion unordered ≥ ordered ≥ strict at every step",
    (log, K, w) => {
      const it = toInteractions(log);
      const [o, s, u] = MODES.map((m) => counts(computeFunnel(it, definition(K, w, m, false))));
      for (let k = 0; k < K; k++) {
        expect(u![k]).toBeGreaterThanOrEqual(o![k]!);
        expect(o![k]).toBeGreaterThanOrEqual(s![k]!);
      }
    },
  );

  test.prop([logArb, fc.array(fc.record({ c: fc.integer({ min: 0, max: 4 }), t: fc.integer({ min: 0, max: 60 }) }), { maxLength: 10 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom<FunnelMode>("ordered", "unordered")])(
    "should not change when events that match no step are added (ordered, unordered)",
    (log, noise, K, w, mode) => {
      const def = definition(K, w, mode, false);
      const before = computeFunnel(toInteractions(log), def);
      const after = computeFunnel(toInteractions([...log, ...noise.map((n) => ({ ...n, type: "zz", ch: "web" }))]), def);
      expect(after.steps).toEqual(before.steps);
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(...MODES)])(
    "should not change when an unrelated customer's events are added (all modes, strict included)",
    (log, K, w, mode) => {
      const def = definition(K, w, mode, false);
      const before = computeFunnel(toInteractions(log), def);
      const after = computeFunnel(toInteractions([...log, { c: 99, t: 5, type: "zz", ch: "web" }, { c: 99, t: 6, type: "x", ch: "web" }]), def);
      expect(after.steps).toEqual(before.steps);
      expect(after.customers).toBe(before.customers + 1);
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(...MODES)])(
    "should not depend on the input order of the events (distinct timestamps per customer)",
    (log, K, w, mode) => {
      const seen = new Set<string>();
      const uniq = log.filter((e) => (seen.has(`${e.c}/${e.t}`) ? false : (seen.add(`${e.c}/${e.t}`), true)));
      const def = definition(K, w, mode, false);
      const a = computeFunnel(toInteractions(uniq), def);
      const b = computeFunnel(toInteractions([...uniq].reverse()), def);
      expect(b.steps).toEqual(a.steps);
    },
  );

  test.prop([logArb, fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom<"first" | "last">("first", "last")])(
    "should split a funnel into channel groups whose counts add up to the total",
    (log, K, w, attribution) => {
      const r = computeFunnel(toInteractions(log), definition(K, w, "ordered", false), { breakdown: { by: "channel", attribution } });
      for (let k = 0; k < K; k++) {
        const sum = (r.breakdown ?? []).reduce((acc, g) => acc + g.steps[k]!.count, 0);
        expect(sum).toBe(r.steps[k]!.count);
      }
    },
  );

  test.prop([logArb, fc.array(fc.nat(), { maxLength: 15 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(...MODES)])(
    "should count replayed events (same idempotency id) once after dedupe",
    (log, replays, K, w, mode) => {
      const it = toInteractions(log);
      const withReplays = [...it, ...replays.map((r) => ({ ...it[r % it.length]!, timestamp: 999 }))];
      const d = dedupeInteractions(withReplays);
      expect(d.duplicates).toBe(replays.length);
      const def = definition(K, w, mode, false);
      expect(computeFunnel(d.interactions, def).steps).toEqual(computeFunnel(it, def).steps);
    },
  );

  test.prop([logArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.constantFrom(...MODES), fc.integer()])(
    "should give the same columnar result when the rows are not grouped by customer",
    (log, K, w, mode, seed) => {
      // distinct timestamps per customer, so the order of the rows is fully determined by time
      const seen = new Set<string>();
      const uniq = log.filter((e) => (seen.has(`${e.c}/${e.t}`) ? false : (seen.add(`${e.c}/${e.t}`), true)));
      const cols = toInteractionColumns(toInteractions(uniq));
      // a seeded permutation of the rows
      const perm = Array.from({ length: cols.length }, (_, i) => i);
      let x = seed | 1;
      for (let i = perm.length - 1; i > 0; i--) {
        x = (Math.imul(x, 1103515245) + 12345) | 0;
        const j = Math.abs(x) % (i + 1);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const pick = <T extends Int32Array | Float64Array>(a: T): T => a.map((_, r) => a[perm[r]!]!) as T;
      const shuffled: InteractionColumns = {
        ...cols,
        customer: pick(cols.customer),
        timestamp: pick(cols.timestamp),
        type: pick(cols.type),
        touchpoint: pick(cols.touchpoint),
        channel: pick(cols.channel),
      };
      const def = definition(K, w, mode, false);
      expect(computeFunnelColumnar(shuffled, def).steps).toEqual(computeFunnelColumnar(cols, def).steps);
  },
  );
});
