import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { consentLedger } from "../consent/consentLedger.js";
import type { ConsentRecord } from "../consent/ConsentRecord.js";
import { isAllowed } from "../consent/isAllowed.js";
import { applyContactPolicy } from "./applyContactPolicy.js";
import type { ContactPolicy, CustomerContactState, FrequencyCap } from "./ContactPolicy.js";
import type { DueAction } from "./DueAction.js";
import type { TriggerAction } from "./Trigger.js";

const DAY = 86_400_000;
const zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"];
const channels = ["email", "sms", "push"];

/** Local minute of the day, read straight from Intl (independent of the implementation's helper). */
function localMinute(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return get("hour") * 60 + get("minute");
}
const quietAt = (m: number, start: number, end: number) => (start < end ? m >= start && m < end : m >= start || m < end);

const due = (customerId: string, action: TriggerAction, priority: number, k: number): DueAction => ({
  customerId,
  triggerId: `t${k}`,
  action,
  priority,
  dedupKey: `t${k}|${customerId}|x`,
  cause: "x",
  conditionKind: "interaction",
  reason: "",
  firedAt: 0,
});

const actionArb: fc.Arbitrary<TriggerAction> = fc.oneof(
  fc.record({ type: fc.constant("message" as const), channel: fc.constantFrom(...channels), template: fc.constant("m"), purpose: fc.constantFrom("marketing" as const, "service" as const) }),
  fc.record({ type: fc.constant("offer" as const), offerId: fc.constant("o"), channel: fc.constantFrom(...channels) }),
  fc.record({ type: fc.constant("task" as const), ownerRole: fc.constant("csm" as const), dueWithinHours: fc.constant(24) }),
  // A plugin's action: internal without a channel, a contact with one (marketing unless it says service).
  fc.record({ type: fc.constant("custom" as const), kind: fc.constant("webhook"), params: fc.constant({}) }),
  fc.record(
    { type: fc.constant("custom" as const), kind: fc.constant("sms_provider"), params: fc.constant({}), channel: fc.constantFrom(...channels), purpose: fc.constantFrom("marketing" as const, "service" as const) },
    { requiredKeys: ["type", "kind", "params", "channel"] },
  ),
);

/** The contact an action makes (channel, marketing?), written out here independently of actionContact; null: internal work. */
function contactOf(a: TriggerAction): { channel: string; marketing: boolean } | null {
  if (a.type === "task") return null;
  if (a.type === "custom") return a.channel === undefined ? null : { channel: a.channel, marketing: a.purpose !== "service" };
  return { channel: a.channel, marketing: a.type === "offer" || a.purpose === "marketing" };
}
const capArb: fc.Arbitrary<FrequencyCap> = fc.record({ max: fc.integer({ min: 1, max: 4 }), windowDays: fc.integer({ min: 1, max: 10 }), channel: fc.constantFrom(...channels) }, { requiredKeys: ["max", "windowDays"] });
const policyArb: fc.Arbitrary<ContactPolicy> = fc.record(
  {
    caps: fc.array(capArb, { maxLength: 3 }),
    quietHours: fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), fc.option(fc.subarray(channels, { minLength: 1 }), { nil: undefined }))
      .filter(([s, e]) => s !== e)
      .map(([start, end, ch]) => (ch === undefined ? { start, end } : { start, end, channels: ch })),
    timeZone: fc.constantFrom(...zones),
    complaintCooldownDays: fc.integer({ min: 1, max: 30 }),
    capOverflow: fc.constantFrom("drop" as const, "defer" as const),
    maxDeferDays: fc.integer({ min: 1, max: 10 }),
  },
  { requiredKeys: ["timeZone"] },
);
// 2026, DST changes included
const nowArb = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-01-01T00:00:00Z") });
const ids = ["c0", "c1", "c2", "c3"];

function stateArb(now: number): fc.Arbitrary<Map<string, CustomerContactState>> {
  const consentArb = fc.array(
    fc
      .record({
        purpose: fc.constantFrom("marketing" as const, "service" as const),
        channel: fc.option(fc.constantFrom(...channels), { nil: undefined }),
        status: fc.constantFrom("granted" as const, "denied" as const, "withdrawn" as const),
        at: fc.integer({ min: now - 30 * DAY, max: now }),
      })
      .map(({ channel, ...r }) => (channel === undefined ? r : { ...r, channel })),
    { maxLength: 6 },
  );
  const one = fc.record(
    {
      sent: fc.array(fc.record({ at: fc.integer({ min: now - 12 * DAY, max: now + DAY }), channel: fc.constantFrom(...channels), purpose: fc.constantFrom("marketing" as const, "service" as const) }), { maxLength: 6 }),
      consent: consentArb,
      timeZone: fc.constantFrom(...zones),
      lastComplaintAt: fc.integer({ min: now - 40 * DAY, max: now }),
    },
    { requiredKeys: ["sent", "consent"] },
  );
  return fc.tuple(...ids.map(() => one)).map((list) => {
    const m = new Map<string, CustomerContactState>();
    list.forEach(({ consent, ...rest }, i) => {
      const id = ids[i] as string;
      const records: ConsentRecord[] = consent.map((r) => ({ ...r, customerId: id, source: "test" }));
      const state = consentLedger(records).get(id);
      m.set(id, state === undefined ? rest : { ...rest, consent: state });
    });
    return m;
  });
}

const scenarioArb = nowArb.chain((now) =>
  fc.tuple(
    fc.constant(now),
    policyArb,
    stateArb(now),
    fc.array(fc.tuple(fc.constantFrom(...ids), actionArb, fc.integer({ min: 0, max: 3 })), { maxLength: 14 }).map((xs) => xs.map(([c, a, p], k) => due(c, a, p, k))),
  ),
);

describe("applyContactPolicy laws", () => {
  test.prop([scenarioArb], { numRuns: 300 })("should never keep or defer an action that breaks a frequency cap, quiet hours, the cool-down or consent", ([now, policy, customers, actions]) => {
    const r = applyContactPolicy(actions, policy, customers, now);
    expect(r.kept.length + r.deferred.length + r.dropped.length).toBe(actions.length);
    const planned = [...r.kept, ...r.deferred];
    for (const p of planned) {
      const a = contactOf(p.action.action);
      expect(p.sendAt).toBeGreaterThanOrEqual(now);
      if (a === null) {
        // Internal work is always kept, now.
        expect([p.status, p.sendAt]).toEqual(["kept", now]);
        continue;
      }
      const s = customers.get(p.action.customerId);
      const tz = s?.timeZone ?? policy.timeZone;
      const marketing = a.marketing;
      // consent
      expect(isAllowed(s?.consent, marketing ? "marketing" : "service", a.channel, now).allowed).toBe(true);
      // quiet hours, in the customer's zone
      const q = policy.quietHours;
      if (q && (q.channels === undefined || q.channels.includes(a.channel))) expect(quietAt(localMinute(tz, p.sendAt), q.start, q.end)).toBe(false);
      if (p.status === "deferred") expect(p.sendAt).toBeGreaterThan(now);
      if (p.status === "deferred" && p.rule === "frequency-cap") {
        expect(policy.capOverflow).toBe("defer");
        expect(p.sendAt).toBeLessThanOrEqual(now + (policy.maxDeferDays ?? 7) * DAY);
      }
      if (!marketing) continue;
      // cool-down
      if (policy.complaintCooldownDays !== undefined && s?.lastComplaintAt !== undefined) expect(now).toBeGreaterThanOrEqual(s.lastComplaintAt + policy.complaintCooldownDays * DAY);
      // caps: every window [e, e + w) that contains this contact holds at most max marketing contacts
      for (const cap of policy.caps ?? []) {
        if (cap.channel !== undefined && cap.channel !== a.channel) continue;
        const w = cap.windowDays * DAY;
        const on = (ch: string) => cap.channel === undefined || cap.channel === ch;
        const times = [
          ...(s?.sent ?? []).filter((x) => x.purpose === "marketing" && on(x.channel)).map((x) => x.at),
          ...planned.filter((x) => {
            const c = contactOf(x.action.action);
            return x.action.customerId === p.action.customerId && c !== null && c.marketing && on(c.channel);
          }).map((x) => x.sendAt),
        ];
        for (const e of times) {
          if (!(e <= p.sendAt && p.sendAt < e + w)) continue;
          expect(times.filter((x) => x >= e && x < e + w).length).toBeLessThanOrEqual(cap.max);
        }
      }
    }
  });

  test.prop([scenarioArb])("should keep everything a policy without rules allows, when consent allows it", ([now, , customers, actions]) => {
    const r = applyContactPolicy(actions, { timeZone: "UTC" }, customers, now);
    expect(r.deferred).toEqual([]);
    for (const d of r.dropped) expect(d.rule).toBe("consent");
  });
});

describe("applyContactPolicy rules", () => {
  const granted = consentLedger([{ customerId: "c1", purpose: "marketing", status: "granted", at: 0, source: "form" }]).get("c1");
  const customers = new Map<string, CustomerContactState>([["c1", granted ? { consent: granted, timeZone: "Europe/Paris" } : {}]]);
  const policy: ContactPolicy = { caps: [{ max: 3, windowDays: 7 }, { max: 1, windowDays: 7, channel: "sms" }], quietHours: { start: 21 * 60, end: 8 * 60 }, timeZone: "Europe/London", complaintCooldownDays: 14 };
  const offer = (channel: string, k: number, priority = 1) => due("c1", { type: "offer", offerId: `o${k}`, channel }, priority, k);

  it("should keep at most 3 messages a week in total and 1 SMS, the highest priorities first", () => {
    const now = Date.parse("2026-06-10T10:00:00Z"); // 12:00 in Paris
    const r = applyContactPolicy([offer("sms", 1, 1), offer("sms", 2, 5), offer("email", 3), offer("push", 4), offer("email", 5)], policy, customers, now);
    expect(r.kept.map((k) => k.action.triggerId)).toEqual(["t2", "t3", "t4"]);
    expect(r.dropped.map((d) => [d.action.triggerId, d.rule, d.cap?.channel ?? "all"])).toEqual([
      ["t1", "frequency-cap", "sms"],
      ["t5", "frequency-cap", "all"],
    ]);
  });

  it("should count last week's contacts and free the slot once they leave the rolling window", () => {
    const now = Date.parse("2026-06-10T10:00:00Z");
    const sent = [{ at: now - 6 * DAY, channel: "sms", purpose: "marketing" as const }];
    const c = new Map<string, CustomerContactState>([["c1", { ...customers.get("c1"), sent }]]);
    expect(applyContactPolicy([offer("sms", 1)], policy, c, now).dropped[0]?.rule).toBe("frequency-cap");
    expect(applyContactPolicy([offer("sms", 1)], policy, c, now + DAY).kept).toHaveLength(1);
  });

  it("should defer marketing to the first free slot when capOverflow is defer, skipping quiet hours, and drop it beyond maxDeferDays", () => {
    const now = Date.parse("2026-06-10T10:00:00Z"); // 12:00 in Paris
    // the week's SMS went out on June 3 at 22:00 Paris time: its slot frees at 22:00 today, inside quiet hours
    const sent = [{ at: Date.parse("2026-06-03T20:00:00Z"), channel: "sms", purpose: "marketing" as const }];
    const c = new Map<string, CustomerContactState>([["c1", { ...customers.get("c1"), sent }]]);
    const defer: ContactPolicy = { ...policy, capOverflow: "defer" };
    const r = applyContactPolicy([offer("sms", 1)], defer, c, now);
    expect(r.deferred[0]).toMatchObject({ rule: "frequency-cap", sendAt: Date.parse("2026-06-11T06:00:00Z") }); // 08:00 CEST the next morning
    expect(applyContactPolicy([offer("sms", 1)], { ...defer, maxDeferDays: 0.25 }, c, now).dropped[0]?.rule).toBe("frequency-cap");
    // a deferred contact takes its slot: a second SMS finds no room within the week
    const two = applyContactPolicy([offer("sms", 1, 2), offer("sms", 2, 1)], defer, c, now);
    expect(two.deferred.map((d) => d.action.triggerId)).toEqual(["t1"]);
    expect(two.dropped.map((d) => d.action.triggerId)).toEqual(["t2"]);
  });

  it("should defer a contact in quiet hours of the customer's zone to their end (DST included)", () => {
    const now = Date.parse("2026-03-28T22:30:00Z"); // 23:30 in Paris, the night clocks go forward
    const r = applyContactPolicy([offer("email", 1)], policy, customers, now);
    expect(r.deferred[0]).toMatchObject({ rule: "quiet-hours", sendAt: Date.parse("2026-03-29T06:00:00Z") }); // 08:00 CEST
    // the same instant is 22:30 in London (quiet too), 08:00 BST the next day
    const london = applyContactPolicy([offer("email", 1)], policy, new Map<string, CustomerContactState>([["c1", granted ? { consent: granted } : {}]]), now);
    expect(london.deferred[0]?.sendAt).toBe(Date.parse("2026-03-29T07:00:00Z"));
  });

  it("should drop marketing without consent on the channel (rule consent) and pass service messages by the service rule", () => {
    const now = Date.parse("2026-06-10T10:00:00Z");
    const none = new Map<string, CustomerContactState>([["c1", { timeZone: "UTC" }]]);
    const service = due("c1", { type: "message", channel: "email", template: "ticket_reply", purpose: "service" }, 1, 9);
    const r = applyContactPolicy([offer("email", 1), service], policy, none, now);
    expect(r.dropped.map((d) => [d.action.triggerId, d.rule, d.consent?.rule])).toEqual([["t1", "consent", "not-granted"]]);
    expect(r.kept.map((k) => [k.action.triggerId, k.consent?.rule])).toEqual([["t9", "service-rule"]]);
  });

  it("should hold marketing back for the cool-down after a complaint, but not service messages or tasks", () => {
    const now = Date.parse("2026-06-10T10:00:00Z");
    const c = new Map<string, CustomerContactState>([["c1", { ...customers.get("c1"), lastComplaintAt: now - 3 * DAY }]]);
    const service = due("c1", { type: "message", channel: "email", template: "ticket_reply", purpose: "service" }, 1, 8);
    const task = due("c1", { type: "task", ownerRole: "support_agent", dueWithinHours: 24 }, 1, 7);
    const r = applyContactPolicy([offer("email", 1), service, task], policy, c, now);
    expect(r.dropped.map((d) => d.rule)).toEqual(["cooldown"]);
    expect(r.kept.map((k) => k.action.triggerId).sort()).toEqual(["t7", "t8"]);
    expect(applyContactPolicy([offer("email", 1)], policy, c, now - 3 * DAY + 14 * DAY).kept).toHaveLength(1);
  });

  it("should reject unknown time zones with a typed error", () => {
    expect(() => applyContactPolicy([offer("email", 1)], { timeZone: "Mars/Olympus" }, customers, 0)).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION", path: ["policy", "timeZone"] }));
    const bad = new Map<string, CustomerContactState>([["c1", { timeZone: "Nowhere/Land" }]]);
    expect(() => applyContactPolicy([offer("email", 1)], policy, bad, 0)).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION", path: ["customers", "c1", "timeZone"] }));
  });
});
