import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { consentLedger } from "../consent/consentLedger.js";
import type { ConsentRecord } from "../consent/ConsentRecord.js";
import { isAllowed } from "../consent/isAllowed.js";
import { applyContactPolicy } from "./applyContactPolicy.js";
import type { CustomerContactState, SentContact } from "./ContactPolicy.js";
import type { CustomerFacts } from "./CustomerFacts.js";
import { evaluateTriggers } from "./evaluateTriggers.js";
import { isHeldOut } from "./holdout.js";
import type { Trigger, TriggerAction } from "./Trigger.js";
import { validateContactPolicy } from "./validateContactPolicy.js";
import { validateTriggers } from "./validateTriggers.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse("2026-03-20T00:00:00Z"); // the simulated weeks include the European and US DST changes
const zones = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC"];
const channels = ["email", "sms", "push"];
const ids = ["c0", "c1", "c2", "c3", "c4"];

const formats = new Map<string, Intl.DateTimeFormat>();
function localMinute(timeZone: string, at: number): number {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
  const parts = f.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return get("hour") * 60 + get("minute");
}

const actionArb: fc.Arbitrary<TriggerAction> = fc.oneof(
  fc.record({ type: fc.constant("message" as const), channel: fc.constantFrom(...channels), template: fc.constant("m"), purpose: fc.constantFrom("marketing" as const, "service" as const) }),
  fc.record({ type: fc.constant("offer" as const), offerId: fc.constant("o"), channel: fc.constantFrom(...channels) }),
  // A plugin's action contacting the customer: consent and the policy must treat it like a message.
  fc.record({ type: fc.constant("custom" as const), kind: fc.constant("sms_provider"), params: fc.record({ template: fc.constant("m") }), channel: fc.constantFrom(...channels), purpose: fc.constantFrom("marketing" as const, "service" as const) }),
);
const smsProvider = { kind: "sms_provider", params: { type: "object", properties: { template: { type: "string" } }, required: ["template"], additionalProperties: false } };
const triggersArb = fc
  .array(
    fc.record({
      condition: fc.oneof(
        fc.record({ kind: fc.constant("interaction"), interactionType: fc.constantFrom("purchase", "login") }),
        fc.record({ kind: fc.constant("segmentEntered"), segment: fc.constantFrom("at_risk", "vip") }),
        fc.record({ kind: fc.constant("metricThreshold"), metric: fc.constant("lastNps"), op: fc.constant("lte"), value: fc.constant(6) }),
      ),
      action: actionArb,
      priority: fc.integer({ min: 0, max: 9 }),
      holdoutShare: fc.constantFrom(0, 0.2, 0.5),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((ts) => validateTriggers(ts.map((t, i) => ({ ...t, id: `t${i}` })), { segments: ["at_risk", "vip"], actionKinds: [smsProvider] }));
const policyArb = fc
  .record({
    caps: fc.array(fc.record({ max: fc.integer({ min: 1, max: 3 }), windowDays: fc.integer({ min: 1, max: 7 }), channel: fc.constantFrom(...channels) }, { requiredKeys: ["max", "windowDays"] }), { minLength: 1, maxLength: 3 }),
    quietHours: fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 })).filter(([s, e]) => s !== e).map(([start, end]) => ({ start, end })),
    timeZone: fc.constantFrom(...zones),
    complaintCooldownDays: fc.integer({ min: 1, max: 10 }),
    capOverflow: fc.constantFrom("drop", "defer"),
    maxDeferDays: fc.integer({ min: 1, max: 5 }),
  })
  .map((p) => validateContactPolicy(p));
const consentArb = fc.array(
  fc
    .record({
      customerId: fc.constantFrom(...ids),
      purpose: fc.constantFrom("marketing" as const, "service" as const),
      channel: fc.option(fc.constantFrom(...channels), { nil: undefined }),
      status: fc.constantFrom("granted" as const, "granted" as const, "denied" as const, "withdrawn" as const),
      at: fc.integer({ min: START - 10 * DAY, max: START + 20 * DAY }),
      source: fc.constant("sim"),
    })
    .map(({ channel, ...r }): ConsentRecord => (channel === undefined ? r : { ...r, channel })),
  { maxLength: 25 },
);
const runArb = fc.record({
  gapHours: fc.integer({ min: 1, max: 30 }),
  facts: fc.array(
    fc.record({
      customer: fc.constantFrom(...ids),
      interactions: fc.array(fc.constantFrom("purchase", "login"), { maxLength: 2 }),
      entered: fc.option(fc.constantFrom("at_risk", "vip"), { nil: undefined }),
      nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      complaint: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
});

describe("triggers → contact policy, over a simulated stream of runs", () => {
  test.prop([triggersArb, policyArb, consentArb, fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...zones)), fc.array(runArb, { minLength: 1, maxLength: 20 })], { numRuns: 150 })(
    "should never send a contact that breaks a cap, quiet hours, cool-down, consent or a holdout, however events arrive",
    (triggers, policy, consentRecords, customerZones, runs) => {
      const sent = new Map<string, (SentContact & { decidedAt: number; triggerId: string })[]>();
      const complaints = new Map<string, number>();
      const complaintLog: { id: string; at: number }[] = [];
      const fired = new Set<string>();
      let now = START;
      let seq = 0;
      for (const run of runs) {
        now += run.gapHours * HOUR + 17 * 60_000;
        const consent = consentLedger(consentRecords, now);
        // the facts carry a snapshot from 12 hours earlier (stale on purpose): the policy's current consent must catch the rest
        const snapshot = consentLedger(consentRecords, now - 12 * HOUR);
        const facts: CustomerFacts[] = run.facts.map((f) => ({
          customerId: f.customer,
          ...(snapshot.get(f.customer) ? { consent: snapshot.get(f.customer) as NonNullable<CustomerFacts["consent"]> } : {}),
          interactions: f.interactions.map((type) => ({ id: `i${seq++}`, type, at: now - HOUR })),
          ...(f.entered === undefined ? {} : { segmentsEntered: [{ segment: f.entered, at: now - HOUR }] }),
          ...(f.nps === undefined ? {} : { metrics: { lastNps: { value: f.nps, at: now - 2 * HOUR } } }),
        }));
        for (const f of run.facts) {
          if (!f.complaint) continue;
          complaints.set(f.customer, now - 30 * 60_000);
          complaintLog.push({ id: f.customer, at: now - 30 * 60_000 });
        }
        const { actions, heldOut } = evaluateTriggers(facts, triggers, now, { fired });
        const state = (id: string): CustomerContactState => {
          const c = consent.get(id);
          const z = customerZones[id];
          const last = complaints.get(id);
          return { sent: sent.get(id) ?? [], ...(c ? { consent: c } : {}), ...(z ? { timeZone: z } : {}), ...(last === undefined ? {} : { lastComplaintAt: last }) };
        };
        const r = applyContactPolicy(actions, policy, state, now);
        for (const k of heldOut) fired.add(k.dedupKey);
        for (const p of [...r.kept, ...r.deferred]) {
          fired.add(p.action.dedupKey);
          const a = p.action.action;
          if (a.type === "task" || (a.type === "custom" && a.channel === undefined)) continue;
          const purpose = a.type === "offer" || a.purpose !== "service" ? "marketing" : "service";
          const list = sent.get(p.action.customerId) ?? [];
          list.push({ at: p.sendAt, channel: a.channel as string, purpose, decidedAt: now, triggerId: p.action.triggerId });
          sent.set(p.action.customerId, list);
        }
      }
      for (const [id, list] of sent) {
        const tz = customerZones[id] ?? policy.timeZone;
        const q = policy.quietHours;
        const marketing = list.filter((s) => s.purpose === "marketing");
        for (const s of list) {
          // quiet hours
          if (q) {
            const m = localMinute(tz, s.at);
            expect(q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end).toBe(false);
          }
          // consent at decision time
          expect(isAllowed(consentLedger(consentRecords, s.decidedAt).get(id), s.purpose, s.channel, s.decidedAt).allowed).toBe(true);
          // holdout
          const trigger = triggers.find((t: Trigger) => t.id === s.triggerId);
          expect(isHeldOut(s.triggerId, id, trigger?.holdoutShare ?? 0)).toBe(false);
          // cool-down
          const before = complaintLog.filter((c) => c.id === id && c.at <= s.decidedAt).map((c) => c.at);
          if (s.purpose === "marketing" && before.length > 0 && policy.complaintCooldownDays !== undefined) {
            expect(s.decidedAt).toBeGreaterThanOrEqual(Math.max(...before) + policy.complaintCooldownDays * DAY);
          }
        }
        // caps over the whole schedule (the history started empty)
        for (const cap of policy.caps ?? []) {
          const times = marketing.filter((s) => cap.channel === undefined || s.channel === cap.channel).map((s) => s.at);
          for (const e of times) expect(times.filter((x) => x >= e && x < e + cap.windowDays * DAY).length).toBeLessThanOrEqual(cap.max);
        }
      }
    },
  );
});
