import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { consentLedger } from "../consent/consentLedger.js";
import { isAllowed } from "../consent/isAllowed.js";
import type { CustomerFacts } from "./CustomerFacts.js";
import type { DueAction } from "./DueAction.js";
import { evaluateTriggers } from "./evaluateTriggers.js";
import { isHeldOut } from "./holdout.js";
import type { Trigger, TriggerCondition } from "./Trigger.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse("2026-12-01T12:00:00Z");

/** The definition, one trigger against one customer at a time (the naive evaluation). */
function naive(customers: readonly CustomerFacts[], triggers: readonly Trigger[], now: number, fired: ReadonlySet<string>) {
  const out: { key: string; held: boolean; blocked: boolean }[] = [];
  const seen = new Set<string>();
  for (const f of customers) {
    for (const t of triggers) {
      if (t.paused) continue;
      const causes: string[] = [];
      const c = t.condition;
      if (c.kind === "interaction") for (const i of f.interactions ?? []) if (i.type === c.interactionType && (c.channel === undefined || c.channel === i.channel)) causes.push(`interaction:${i.id}`);
      if (c.kind === "segmentEntered") for (const s of f.segmentsEntered ?? []) if (s.segment === c.segment) causes.push(`segmentEntered:${s.segment}@${s.at}`);
      if (c.kind === "segmentExited") for (const s of f.segmentsExited ?? []) if (s.segment === c.segment) causes.push(`segmentExited:${s.segment}@${s.at}`);
      if (c.kind === "dateRelative") {
        const v = f.traits?.[c.trait];
        const d = typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : Number.NaN;
        const from = d + c.offsetDays * DAY;
        if (Number.isFinite(d) && from <= now && now < from + (c.graceDays ?? 1) * DAY) causes.push(`date:${c.trait}@${d}`);
      }
      if (c.kind === "metricThreshold") {
        const m = f.metrics?.[c.metric];
        const ok = m !== undefined && { lt: m.value < c.value, lte: m.value <= c.value, gt: m.value > c.value, gte: m.value >= c.value }[c.op];
        if (m !== undefined && ok) causes.push(`metric:${c.metric}@${m.at}`);
      }
      if (c.kind === "pAliveDrop" && f.pAlive && f.pAlive.previous - f.pAlive.current >= c.minDrop) causes.push(`pAlive@${f.pAlive.previousAt}`);
      for (const cause of causes) {
        const key = `${t.id}|${f.customerId}|${cause}`;
        if (seen.has(key) || fired.has(key)) continue;
        seen.add(key);
        const a = t.action;
        const blocked = a.type !== "task" && !isAllowed(f.consent, a.type === "offer" || a.purpose === "marketing" ? "marketing" : "service", a.channel, now).allowed;
        out.push({ key, blocked, held: !blocked && isHeldOut(t.id, f.customerId, t.holdoutShare) });
      }
    }
  }
  return out;
}

const types = ["purchase", "login", "ticket_opened", "complaint"];
const segments = ["at_risk", "vip", "new"];
const conditionArb: fc.Arbitrary<TriggerCondition> = fc.oneof(
  fc.record({ kind: fc.constant("interaction" as const), interactionType: fc.constantFrom(...types) }),
  fc.record({ kind: fc.constant("interaction" as const), interactionType: fc.constantFrom(...types), channel: fc.constantFrom("email", "web") }),
  fc.record({ kind: fc.constant("segmentEntered" as const), segment: fc.constantFrom(...segments) }),
  fc.record({ kind: fc.constant("segmentExited" as const), segment: fc.constantFrom(...segments) }),
  fc.record({ kind: fc.constant("dateRelative" as const), trait: fc.constantFrom("subscription.endsAt", "birthday"), offsetDays: fc.integer({ min: -30, max: 30 }), graceDays: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("metricThreshold" as const), metric: fc.constantFrom("lastNps", "csat"), op: fc.constantFrom("lt" as const, "lte" as const, "gt" as const, "gte" as const), value: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant("pAliveDrop" as const), minDrop: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
);
const triggersArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-z]{1,6}$/),
    condition: conditionArb,
    action: fc.constantFrom(
      { type: "message", channel: "email", template: "t", purpose: "marketing" } as const,
      { type: "message", channel: "sms", template: "t", purpose: "service" } as const,
      { type: "offer", channel: "sms", offerId: "o" } as const,
      { type: "task", ownerRole: "csm", dueWithinHours: 24 } as const,
    ),
    priority: fc.integer({ min: 0, max: 5 }),
    holdoutShare: fc.constantFrom(0, 0.1, 0.5),
    paused: fc.boolean(),
  }),
  { selector: (t) => t.id, maxLength: 12 },
);
const factsArb: fc.Arbitrary<CustomerFacts> = fc.record(
  {
    customerId: fc.stringMatching(/^c[0-9]{1,3}$/),
    interactions: fc.array(fc.record({ id: fc.stringMatching(/^i[0-9]$/), type: fc.constantFrom(...types), channel: fc.constantFrom("email", "web"), at: fc.integer({ min: NOW - DAY, max: NOW }) }), { maxLength: 5 }),
    segmentsEntered: fc.array(fc.record({ segment: fc.constantFrom(...segments), at: fc.constantFrom(NOW - HOUR, NOW) }), { maxLength: 3 }),
    segmentsExited: fc.array(fc.record({ segment: fc.constantFrom(...segments), at: fc.constant(NOW) }), { maxLength: 2 }),
    traits: fc.record({ "subscription.endsAt": fc.integer({ min: -40, max: 40 }).map((d) => NOW + d * DAY + 3 * HOUR), birthday: fc.constant("2026-11-20T00:00:00Z") }, { requiredKeys: [] }),
    metrics: fc.record({ lastNps: fc.record({ value: fc.integer({ min: 0, max: 10 }), at: fc.constant(NOW - HOUR) }) }, { requiredKeys: [] }),
    pAlive: fc.record({ current: fc.double({ min: 0, max: 1, noNaN: true }), previous: fc.double({ min: 0, max: 1, noNaN: true }), previousAt: fc.constant(NOW - DAY) }),
    consent: fc
      .array(
        fc.record({
          purpose: fc.constantFrom("marketing" as const, "service" as const),
          channel: fc.constantFrom("email", "sms"),
          status: fc.constantFrom("granted" as const, "granted" as const, "withdrawn" as const),
          at: fc.integer({ min: 0, max: 9 }),
        }),
        { maxLength: 4 },
      )
      .map((rs) => consentLedger(rs.map((r) => ({ ...r, customerId: "x", source: "test" }))).get("x") ?? { customerId: "x", entries: {} }),
  },
  { requiredKeys: ["customerId"] },
);

describe("evaluateTriggers laws", () => {
  test.prop([fc.array(factsArb, { maxLength: 8 }), triggersArb, fc.array(fc.nat(20), { maxLength: 5 })])(
    "should fire exactly what the naive evaluation of every trigger for every customer fires (indexing changes nothing)",
    (customers, triggers, firedPicks) => {
      const all = naive(customers, triggers, NOW, new Set());
      const fired = new Set(firedPicks.map((k) => all[k % Math.max(1, all.length)]?.key ?? ""));
      const want = naive(customers, triggers, NOW, fired);
      const got = evaluateTriggers(customers, triggers, NOW, { fired });
      expect(got.actions.map((a) => a.dedupKey).sort()).toEqual(want.filter((w) => !w.held && !w.blocked).map((w) => w.key).sort());
      expect(got.heldOut.map((a) => a.dedupKey).sort()).toEqual(want.filter((w) => w.held).map((w) => w.key).sort());
      expect(got.blocked.map((a) => a.dedupKey).sort()).toEqual(want.filter((w) => w.blocked).map((w) => w.key).sort());
    },
  );

  test.prop([fc.array(factsArb, { maxLength: 8 }), triggersArb])("should never fire the same trigger twice for the same cause (a second run with the recorded keys fires nothing)", (customers, triggers) => {
    const first = evaluateTriggers(customers, triggers, NOW);
    const keys = [...first.actions, ...first.heldOut, ...first.blocked].map((a) => a.dedupKey);
    expect(new Set(keys).size).toBe(keys.length);
    const second = evaluateTriggers(customers, triggers, NOW + HOUR, { fired: new Set(keys) });
    const again = [...second.actions, ...second.heldOut, ...second.blocked].filter((a) => a.cause.startsWith("interaction") || a.cause.startsWith("segment") || a.cause.startsWith("metric") || a.cause.startsWith("pAlive"));
    expect(again).toEqual([]);
  });

  test.prop([fc.array(factsArb, { maxLength: 8 }), triggersArb])("should never produce a marketing action without marketing consent on its channel, nor a service message on a refused channel", (customers, triggers) => {
    const { actions } = evaluateTriggers(customers, triggers, NOW);
    const consentOf = new Map(customers.map((c) => [c.customerId, c.consent]));
    for (const d of actions) {
      const a = d.action;
      if (a.type === "task") continue;
      const c = customers.filter((x) => x.customerId === d.customerId).map((x) => x.consent);
      expect(c.some((s) => isAllowed(s, a.type === "offer" || a.purpose === "marketing" ? "marketing" : "service", a.channel, NOW).allowed)).toBe(true);
      expect(consentOf.has(d.customerId)).toBe(true);
    }
  });

  test.prop([fc.uniqueArray(factsArb, { maxLength: 8, selector: (f) => f.customerId }), triggersArb])("should order each customer's actions by priority, highest first", (customers, triggers) => {
    const { actions } = evaluateTriggers(customers, triggers, NOW);
    for (let i = 1; i < actions.length; i++) {
      const [a, b] = [actions[i - 1] as DueAction, actions[i] as DueAction];
      if (a.customerId === b.customerId) expect(a.priority).toBeGreaterThanOrEqual(b.priority);
    }
  });
});

describe("evaluateTriggers scenarios (seeds: proactive engagement)", () => {
  const renewal: Trigger = {
    id: "renewal-reminder",
    condition: { kind: "dateRelative", trait: "subscription.endsAt", offsetDays: -14 },
    action: { type: "message", channel: "email", template: "renewal_reminder", purpose: "service" },
    priority: 50,
    holdoutShare: 0,
  };
  const endsAt = Date.parse("2026-12-31T00:00:00Z");

  it("should send a renewal reminder 14 days before the subscription ends, once", () => {
    const facts = { customerId: "c1", traits: { "subscription.endsAt": "2026-12-31T00:00:00Z" } };
    expect(evaluateTriggers(facts, [renewal], endsAt - 15 * DAY).actions).toEqual([]);
    const due = evaluateTriggers(facts, [renewal], endsAt - 14 * DAY + 2 * HOUR).actions;
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ triggerId: "renewal-reminder", cause: `date:subscription.endsAt@${endsAt}`, action: { template: "renewal_reminder" } });
    expect(due[0]?.reason).toContain("− 14 days");
    // a run an hour later with the key recorded does not send it again
    expect(evaluateTriggers(facts, [renewal], endsAt - 14 * DAY + 3 * HOUR, { fired: new Set([due[0]?.dedupKey ?? ""]) }).actions).toEqual([]);
    // past the one-day grace a missed reminder is not sent late
    expect(evaluateTriggers(facts, [renewal], endsAt - 13 * DAY + 1).actions).toEqual([]);
    // the renewed subscription (a new end date) gets its own reminder
    const renewed = { customerId: "c1", traits: { "subscription.endsAt": endsAt + 365 * DAY } };
    expect(evaluateTriggers(renewed, [renewal], endsAt + 351 * DAY, { fired: new Set([due[0]?.dedupKey ?? ""]) }).actions).toHaveLength(1);
  });

  it("should give a detractor (NPS ≤ 6) a follow-up task for a CSM due within 24 hours, and not a passive (7)", () => {
    const detractor: Trigger = {
      id: "detractor-follow-up",
      condition: { kind: "metricThreshold", metric: "lastNps", op: "lte", value: 6 },
      action: { type: "task", ownerRole: "csm", dueWithinHours: 24, note: "call back about the survey answer" },
      priority: 90,
      holdoutShare: 0,
    };
    const answered = NOW - 2 * HOUR;
    const r = evaluateTriggers(
      [
        { customerId: "d", metrics: { lastNps: { value: 4, at: answered } } },
        { customerId: "p", metrics: { lastNps: { value: 7, at: answered } } },
      ],
      [detractor],
      NOW,
    );
    expect(r.actions).toHaveLength(1);
    expect(r.actions[0]).toMatchObject({ customerId: "d", action: { type: "task", ownerRole: "csm" }, dueBy: NOW + 24 * HOUR, cause: `metric:lastNps@${answered}` });
    expect(r.actions[0]?.reason).toBe(`lastNps 4 ≤ 6 (observed ${new Date(answered).toISOString()})`);
  });

  it("should react to a segment entry, an interaction on a channel and a P(alive) slide, and skip paused triggers", () => {
    const ts: Trigger[] = [
      { id: "winback", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "10off", channel: "email" }, priority: 10, holdoutShare: 0 },
      { id: "thanks", condition: { kind: "interaction", interactionType: "purchase", channel: "web" }, action: { type: "message", channel: "email", template: "thanks", purpose: "service" }, priority: 5, holdoutShare: 0 },
      { id: "slide", condition: { kind: "pAliveDrop", minDrop: 0.2 }, action: { type: "task", ownerRole: "account_manager", dueWithinHours: 72 }, priority: 20, holdoutShare: 0 },
      { id: "off", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "x", channel: "email" }, priority: 99, holdoutShare: 0, paused: true },
    ];
    const r = evaluateTriggers(
      {
        customerId: "c1",
        segmentsEntered: [{ segment: "at_risk", at: NOW }],
        interactions: [
          { id: "i1", type: "purchase", channel: "web", at: NOW - HOUR },
          { id: "i2", type: "purchase", channel: "in_store", at: NOW - HOUR },
        ],
        pAlive: { current: 0.5, previous: 0.75, previousAt: NOW - DAY },
        consent: { customerId: "c1", entries: { "marketing:email": { status: "granted", at: 0, source: "signup_form" } } },
      },
      ts,
      NOW,
    );
    expect(r.actions.map((a) => a.triggerId)).toEqual(["slide", "winback", "thanks"]);
  });

  it("should block a marketing offer for a customer who withdrew marketing consent, and still send the service message", () => {
    const ts: Trigger[] = [
      { id: "winback", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "10off", channel: "email" }, priority: 10, holdoutShare: 0 },
      { id: "notice", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "message", channel: "email", template: "account_notice", purpose: "service" }, priority: 1, holdoutShare: 0 },
    ];
    const consent = consentLedger([
      { customerId: "c1", purpose: "marketing", channel: "email", status: "granted", at: 1, source: "signup_form" },
      { customerId: "c1", purpose: "marketing", status: "withdrawn", at: 2, source: "unsubscribe_link" },
    ]).get("c1");
    const r = evaluateTriggers({ customerId: "c1", segmentsEntered: [{ segment: "at_risk", at: NOW }], ...(consent ? { consent } : {}) }, ts, NOW);
    expect(r.actions.map((a) => a.triggerId)).toEqual(["notice"]);
    expect(r.blocked).toMatchObject([{ triggerId: "winback", rule: "consent", consent: { rule: "withdrawn", key: "marketing" } }]);
  });

  it("should meet each rung of the engagement ladder with its own action: awareness for the passive, a loyalty offer for the active, a referral invitation for advocates", () => {
    const ladder: Trigger[] = [
      { id: "awareness", condition: { kind: "segmentEntered", segment: "passive" }, action: { type: "message", channel: "email", template: "awareness_campaign", purpose: "marketing" }, priority: 1, holdoutShare: 0 },
      { id: "loyalty", condition: { kind: "segmentEntered", segment: "active" }, action: { type: "offer", offerId: "loyalty_double_points", channel: "mobile_app" }, priority: 2, holdoutShare: 0 },
      { id: "referral", condition: { kind: "segmentEntered", segment: "advocate" }, action: { type: "message", channel: "email", template: "referral_invitation", purpose: "marketing" }, priority: 3, holdoutShare: 0 },
    ];
    const consent = { customerId: "x", entries: { marketing: { status: "granted" as const, at: 0, source: "signup_form" } } };
    // segment entries as createSegmentMembership's MembershipDelta.entered reports them, stamped with the run's time
    const facts = (["passive", "active", "advocate"] as const).map((tier) => ({ customerId: tier, segmentsEntered: [{ segment: tier, at: NOW }], consent: { ...consent, customerId: tier } }));
    const r = evaluateTriggers(facts, ladder, NOW);
    expect(r.actions.map((a) => [a.customerId, a.triggerId])).toEqual([
      ["passive", "awareness"],
      ["active", "loyalty"],
      ["advocate", "referral"],
    ]);
  });

  it("should withhold the action from held-out customers and report them", () => {
    const t: Trigger = { ...renewal, holdoutShare: 0.5 };
    const facts = Array.from({ length: 40 }, (_, i) => ({ customerId: `c${i}`, traits: { "subscription.endsAt": endsAt } }));
    const r = evaluateTriggers(facts, [t], endsAt - 14 * DAY);
    expect(r.actions.length + r.heldOut.length).toBe(40);
    for (const h of r.heldOut) expect(isHeldOut(t.id, h.customerId, 0.5)).toBe(true);
    for (const a of r.actions) expect(isHeldOut(t.id, a.customerId, 0.5)).toBe(false);
    expect(r.heldOut.every((h) => h.rule === "holdout")).toBe(true);
  });
});
