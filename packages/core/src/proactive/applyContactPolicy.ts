import { isAllowed, type ConsentDecision } from "../consent/isAllowed.js";
import { assertFinite } from "../_internal/assert.js";
import type { ContactPolicy, CustomerContactState, FrequencyCap } from "./ContactPolicy.js";
import type { DueAction } from "./DueAction.js";
import { actionContact } from "./actionContact.js";
import { timeZone as checkTimeZone } from "./_internal/check.js";
import { quietHoursEnd } from "./_internal/zonedTime.js";

const DAY = 86_400_000;
const DEFAULT_MAX_DEFER_DAYS = 7;

/** The rule that deferred or dropped an action. */
export type ContactPolicyRule = "consent" | "cooldown" | "quiet-hours" | "frequency-cap";

/** An action the policy lets through now. */
export interface KeptAction {
  readonly status: "kept";
  readonly action: DueAction;
  /** Epoch ms to send (= now). */
  readonly sendAt: number;
  /** For messages and offers: the consent decision that allowed it. */
  readonly consent?: ConsentDecision;
}

/** An action the policy lets through later. */
export interface DeferredAction {
  readonly status: "deferred";
  readonly action: DueAction;
  /** Epoch ms when it becomes allowed (the end of the customer's quiet hours, or the first free slot of the caps). */
  readonly sendAt: number;
  /** What moved it last: quiet hours, or full caps (`capOverflow: "defer"`). */
  readonly rule: "quiet-hours" | "frequency-cap";
  readonly reason: string;
  readonly consent?: ConsentDecision;
}

/** An action the policy stops. */
export interface DroppedAction {
  readonly status: "dropped";
  readonly action: DueAction;
  readonly rule: "consent" | "cooldown" | "frequency-cap";
  readonly reason: string;
  readonly consent?: ConsentDecision;
  /** For `frequency-cap`: the cap that was full. */
  readonly cap?: FrequencyCap;
}

/** The outcome of {@link applyContactPolicy}, each list in the order actions were decided (per customer, highest priority first). */
export interface ContactPolicyResult {
  readonly kept: KeptAction[];
  readonly deferred: DeferredAction[];
  readonly dropped: DroppedAction[];
}

/**
 * Applies a {@link ContactPolicy} to the actions {@link evaluateTriggers}
 * returned: each action is kept (send now), deferred (send at a stated later
 * time) or dropped, with the rule that stopped it.
 *
 * Per customer, actions are decided in priority order (highest first, then
 * input order), so a higher-priority action takes a cap's last slot. For each
 * message, offer or custom action with a channel (its {@link actionContact}), in this order:
 * 1. consent — a marketing message or an offer needs `isAllowed(consent,
 *    "marketing", channel, now)`; a service message needs the service rule
 *    (`isAllowed(consent, "service", channel, now)`: allowed unless refused).
 *    Otherwise dropped, rule `consent`, with the consent decision;
 * 2. cool-down — marketing within `complaintCooldownDays` after the
 *    customer's last complaint is dropped, rule `cooldown`;
 * 3. quiet hours — a contact whose time falls inside the quiet hours of the
 *    customer's time zone (default: the policy's) is deferred to their end,
 *    rule `quiet-hours` (DST handled through Intl);
 * 4. frequency caps — marketing at its send time t is allowed only if, for every
 *    window [s, s + windowDays) that contains t, the contacts already sent
 *    (history, marketing only, on the cap's channel or any) plus those planned
 *    in this call stay ≤ max; otherwise dropped, rule `frequency-cap` — or, with
 *    `capOverflow: "defer"`, deferred to the first instant within `maxDeferDays`
 *    (default 7) when every cap has room and quiet hours are over (found by
 *    walking the instants when a contact leaves the full cap's window), rule
 *    `frequency-cap`, and dropped only when there is none.
 *    (Windows starting at a contact are the fullest ones, so checking those
 *    is exact.) Kept and deferred marketing counts against later actions.
 * Tasks and custom actions without a channel are internal work, not customer contact: always kept.
 * Service messages neither count towards nor are limited by caps and cool-down.
 *
 * Sources: quiet hours in the customer's local time follow the US TCPA rule
 * (47 CFR § 64.1200(c)(1): no telephone solicitation before 8 a.m. or after
 * 9 p.m. at the called party's location); frequency caps and complaint cool-downs are the contact-pressure rules of
 * marketing practice (a total and a per-channel budget per rolling window).
 *
 * Dropped actions are not retried here: record their dedup keys as fired to
 * give them up, or leave them out to let the next run try again.
 * Deferred ones should be checked with `isAllowed` again at `sendAt` (consent
 * may be withdrawn meanwhile).
 *
 * Complexity: O(a log a + Σ history) per customer with a actions.
 *
 * @param customers - per-customer state (sent contacts, consent, time zone, last complaint), a Map or a look-up
 * @param now - epoch ms
 * @throws {InputError} `METRIC.NOT_FINITE` when `now` is not finite; `METRIC.INVALID_OPTION` for an unknown
 *   time zone (policy or customer)
 * @category Proactive
 * @example
 * const policy = { timeZone: "Europe/London", caps: [{ max: 1, windowDays: 7, channel: "sms" }] };
 * const offer = (id: string) => ({ customerId: "c1", triggerId: id, action: { type: "offer", offerId: id, channel: "sms" }, priority: 1, dedupKey: id, cause: "x", conditionKind: "interaction", reason: "", firedAt: 0 }) as const;
 * const consent = { customerId: "c1", entries: { marketing: { status: "granted", at: 0, source: "form" } } } as const;
 * const r = applyContactPolicy([offer("a"), offer("b")], policy, new Map([["c1", { consent }]]), Date.parse("2026-12-01T12:00:00Z"));
 * [r.kept.length, r.dropped[0]?.rule] // => [1, "frequency-cap"]
 */
export function applyContactPolicy(
  actions: readonly DueAction[],
  policy: ContactPolicy,
  customers: ReadonlyMap<string, CustomerContactState> | ((customerId: string) => CustomerContactState | undefined),
  now: number,
): ContactPolicyResult {
  const fn = "applyContactPolicy";
  assertFinite(fn, now, ["now"]);
  checkTimeZone(fn, policy.timeZone, ["policy", "timeZone"]);
  const lookup = typeof customers === "function" ? customers : (id: string) => customers.get(id);
  const caps = policy.caps ?? [];
  const quiet = policy.quietHours;
  const quietChannels = quiet?.channels === undefined ? undefined : new Set(quiet.channels);
  const cooldown = (policy.complaintCooldownDays ?? 0) * DAY;
  const longest = caps.reduce((m, c) => Math.max(m, c.windowDays * DAY), 0);
  const quietApplies = (channel: string) => quiet !== undefined && (quietChannels === undefined || quietChannels.has(channel));
  const deferOverflow = policy.capOverflow === "defer";
  const horizon = now + (policy.maxDeferDays ?? DEFAULT_MAX_DEFER_DAYS) * DAY;

  const byCustomer = new Map<string, { a: DueAction; i: number }[]>();
  actions.forEach((a, i) => {
    const list = byCustomer.get(a.customerId);
    if (list) list.push({ a, i });
    else byCustomer.set(a.customerId, [{ a, i }]);
  });

  const result: ContactPolicyResult = { kept: [], deferred: [], dropped: [] };
  const checkedZones = new Set<string>([policy.timeZone]);
  // Every action of a call is decided at the same `now`, so the end of quiet hours depends on the zone only.
  const quietEndByZone = new Map<string, number | undefined>();
  for (const [customerId, list] of byCustomer) {
    list.sort((x, y) => y.a.priority - x.a.priority || x.i - y.i);
    const state = lookup(customerId);
    const tz = state?.timeZone ?? policy.timeZone;
    if (!checkedZones.has(tz)) {
      checkTimeZone(fn, tz, ["customers", customerId, "timeZone"]);
      checkedZones.add(tz);
    }
    // Marketing contact times per cap, ascending (history inside the longest window around now, then planned ones).
    const times: number[][] = caps.map(() => []);
    for (const s of state?.sent ?? []) {
      if (s.purpose !== "marketing" || s.at <= now - longest) continue;
      caps.forEach((c, k) => {
        if (c.channel === undefined || c.channel === s.channel) (times[k] as number[]).push(s.at);
      });
    }
    for (const t of times) t.sort((x, y) => x - y);

    for (const { a } of list) {
      const act = actionContact(a.action);
      if (act === null) {
        result.kept.push({ status: "kept", action: a, sendAt: now });
        continue;
      }
      const marketing = act.purpose === "marketing";
      const consent = isAllowed(state?.consent, act.purpose, act.channel, now);
      if (!consent.allowed) {
        result.dropped.push({ status: "dropped", action: a, rule: "consent", reason: consent.reason, consent });
        continue;
      }
      if (marketing && cooldown > 0 && state?.lastComplaintAt !== undefined && now < state.lastComplaintAt + cooldown) {
        result.dropped.push({
          status: "dropped",
          action: a,
          rule: "cooldown",
          reason: `no marketing for ${policy.complaintCooldownDays} days after the complaint of ${new Date(state.lastComplaintAt).toISOString()}`,
          consent,
        });
        continue;
      }
      let sendAt = now;
      let deferredReason: string | undefined;
      if (quiet !== undefined && quietApplies(act.channel)) {
        let until = quietEndByZone.get(tz);
        if (until === undefined && !quietEndByZone.has(tz)) {
          until = quietHoursEnd(tz, now, quiet.start, quiet.end);
          quietEndByZone.set(tz, until);
        }
        if (until !== undefined) {
          sendAt = until;
          deferredReason = `quiet hours ${hhmm(quiet.start)}–${hhmm(quiet.end)} in ${tz}; allowed from ${new Date(until).toISOString()}`;
        }
      }
      let rule: DeferredAction["rule"] = "quiet-hours";
      if (marketing) {
        const fullAt = (t: number) => caps.findIndex((c, k) => (c.channel === undefined || c.channel === act.channel) && !fits(times[k] as number[], t, c.windowDays * DAY, c.max));
        let full = fullAt(sendAt);
        if (full >= 0 && deferOverflow) {
          // Walk the instants when the full cap's windows release a contact (e + window, ascending), skipping quiet hours.
          let t = sendAt;
          while (full >= 0) {
            const cap = caps[full] as FrequencyCap;
            const list = times[full] as number[];
            const w = cap.windowDays * DAY;
            const first = list[lowerBound(list, t - w, true)];
            if (first === undefined || first + w > horizon) break;
            t = first + w;
            if (quiet !== undefined && quietApplies(act.channel)) t = quietHoursEnd(tz, t, quiet.start, quiet.end) ?? t;
            if (t > horizon) break;
            full = fullAt(t);
          }
          if (full < 0) {
            sendAt = t;
            rule = "frequency-cap";
            deferredReason = `${deferredReason === undefined ? "" : `${deferredReason}; `}frequency caps full until ${new Date(t).toISOString()}`;
          }
        }
        if (full >= 0) {
          const cap = caps[full] as FrequencyCap;
          result.dropped.push({
            status: "dropped",
            action: a,
            rule: "frequency-cap",
            reason: `at most ${cap.max} marketing contacts${cap.channel === undefined ? "" : ` on ${cap.channel}`} per ${cap.windowDays} days${deferOverflow ? ` (no slot within ${policy.maxDeferDays ?? DEFAULT_MAX_DEFER_DAYS} days)` : ""}`,
            consent,
            cap,
          });
          continue;
        }
        caps.forEach((c, k) => {
          if (c.channel === undefined || c.channel === act.channel) insertSorted(times[k] as number[], sendAt);
        });
      }
      if (deferredReason !== undefined) result.deferred.push({ status: "deferred", action: a, sendAt, rule, reason: deferredReason, consent });
      else result.kept.push({ status: "kept", action: a, sendAt, consent });
    }
  }
  return result;
}

/** Can a contact at t join `sorted` with at most `max` in every window [s, s + w) that contains t? */
function fits(sorted: readonly number[], t: number, w: number, max: number): boolean {
  // Windows containing t that are fullest start at a contact e with t − w < e ≤ t, or at t itself.
  const lo = lowerBound(sorted, t - w, true);
  const hiT = lowerBound(sorted, t, true); // first index with value > t
  for (let i = lo; i <= hiT; i++) {
    const s = i < hiT ? (sorted[i] as number) : t;
    const count = lowerBound(sorted, s + w, false) - lowerBound(sorted, s, false) + 1;
    if (count > max) return false;
  }
  return true;
}

/** First index with sorted[i] > x (strict) or sorted[i] ≥ x. */
function lowerBound(sorted: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (strict ? v > x : v >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function insertSorted(sorted: number[], x: number): void {
  sorted.splice(lowerBound(sorted, x, true), 0, x);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
