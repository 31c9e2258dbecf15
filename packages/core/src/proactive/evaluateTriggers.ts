import { assertFinite } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { isAllowed } from "../consent/isAllowed.js";
import type { CustomerFacts } from "./CustomerFacts.js";
import type { BlockedAction, DueAction, HeldOutAction } from "./DueAction.js";
import { isHeldOut } from "./holdout.js";
import { actionContact } from "./actionContact.js";
import { indexTriggers, type TriggerIndex } from "./indexTriggers.js";
import type { Trigger } from "./Trigger.js";

const DAY = 86_400_000;

/** Options of {@link evaluateTriggers}. */
export interface EvaluateTriggersOptions {
  /** Dedup keys that already fired (a set, or a look-up into saved state): they never fire again. */
  readonly fired?: ReadonlySet<string> | ((dedupKey: string) => boolean);
}

/** What {@link evaluateTriggers} returns: actions due now, the holdout customers it withheld, and firings consent blocked. */
export interface TriggerEvaluation {
  /** By facts entry (input order), then priority (highest first), trigger id and cause. */
  readonly actions: DueAction[];
  readonly heldOut: HeldOutAction[];
  readonly blocked: BlockedAction[];
}

/**
 * The deduplication key of a firing: `triggerId|customerId|cause`, where the
 * cause names what made the trigger fire (`interaction:<id>`,
 * `segmentEntered:<segment>@<t>`, `date:<trait>@<date>`, `metric:<name>@<t>`,
 * `pAlive@<t>`). A trigger fires at most once per key; store the keys of what
 * was done (and of holdouts) and pass them back as `fired`.
 *
 * @category Proactive
 * @example
 * dedupKeyOf("renewal-reminder", "c1", "date:subscription.endsAt@1798675200000") // => "renewal-reminder|c1|date:subscription.endsAt@1798675200000"
 */
export function dedupKeyOf(triggerId: string, customerId: string, cause: string): string {
  return `${triggerId}|${customerId}|${cause}`;
}

function iso(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}

function dateOf(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  return Number.NaN;
}

const opText = { lt: "<", lte: "≤", gt: ">", gte: "≥" } as const;

/**
 * The next-best actions due now: evaluates triggers against customers' facts
 * at time `now` and returns, per customer, each trigger that fires with its
 * action, priority, deduplication key and a reason.
 *
 * Firing rules (per condition kind, see {@link TriggerCondition}): an
 * interaction of the type (and channel) since the last run; a segment entered
 * / exited since the last run; `date(trait) + offsetDays·day ≤ now <
 * date(trait) + (offsetDays + graceDays)·day` (grace 1 day by default, so a
 * missed run still fires the next day but a stale date does not); the latest
 * metric observation satisfies the threshold; `previous − current ≥ minDrop`
 * for P(alive).
 *
 * Each action's `reason` is written on first read (`JSON.stringify` includes it).
 *
 * Consent (enforced here and again by {@link applyContactPolicy}): a firing
 * whose action is a marketing message or an offer needs
 * `isAllowed(facts.consent, "marketing", channel, now)`, a service message the
 * service rule (`isAllowed(…, "service", …)`: allowed unless refused); absent
 * consent is not granted. Otherwise it is reported in `blocked` (rule
 * `consent`, with the decision) and produces no action; its key is not
 * consumed (record it to give the cause up). A custom action with a channel is
 * judged by its purpose like a message ({@link actionContact}); tasks and
 * custom actions without a channel are internal and need no consent. Consent is checked before the holdout, so the holdout and the
 * treated group are drawn from the same eligible customers.
 *
 * Deduplication: a firing's key is `triggerId|customerId|cause`; keys in
 * `options.fired`, or already produced in this call, do not fire (the same
 * trigger never fires twice for the same cause). Holdouts: a customer in the
 * trigger's holdout ({@link isHeldOut}) gets no action and is reported in
 * `heldOut` with the key, so the control group is known for
 * {@link upliftReport}. Paused triggers never fire. Contact policy and consent
 * are applied next, by {@link applyContactPolicy}.
 *
 * Efficiency: triggers are indexed by condition kind and key
 * ({@link indexTriggers}); a customer is tested only against triggers whose
 * key appears in its facts, so a run costs O(Σ facts × matching triggers +
 * customers × (date traits + metrics + P(alive) triggers)), not
 * O(customers × triggers).
 *
 * @param customers - one customer's facts or a batch
 * @param triggers - validated triggers ({@link validateTriggers}) or their prebuilt index
 * @param now - epoch ms of the run
 * @throws {InputError} `METRIC.NOT_FINITE` when `now` is not finite; `JOURNEY.INVALID_FIELD` at
 *   `["customers", i, "customerId"]` for facts without a customer id
 * @category Proactive
 * @example
 * const detractor = { id: "detractor", condition: { kind: "metricThreshold", metric: "lastNps", op: "lte", value: 6 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 24 }, priority: 90, holdoutShare: 0 } as const;
 * const now = Date.parse("2026-12-01T12:00:00Z");
 * evaluateTriggers([{ customerId: "c1", metrics: { lastNps: { value: 3, at: now - 3_600_000 } } }], [detractor], now).actions[0]?.dueBy === now + 24 * 3_600_000 // => true
 */
export function evaluateTriggers(
  customers: CustomerFacts | readonly CustomerFacts[],
  triggers: readonly Trigger[] | TriggerIndex,
  now: number,
  options: EvaluateTriggersOptions = {},
): TriggerEvaluation {
  assertFinite("evaluateTriggers", now, ["now"]);
  const index = Array.isArray(triggers) ? indexTriggers(triggers as readonly Trigger[]) : (triggers as TriggerIndex);
  const list: readonly CustomerFacts[] = Array.isArray(customers) ? (customers as readonly CustomerFacts[]) : [customers as CustomerFacts];
  const fired = options.fired;
  const wasFired = fired === undefined ? () => false : typeof fired === "function" ? fired : (k: string) => fired.has(k);
  const actions: DueAction[] = [];
  const heldOut: HeldOutAction[] = [];
  const blocked: BlockedAction[] = [];
  const dateTraits = [...index.byDateTrait];
  const metrics = [...index.byMetric];

  // Keys produced in this call: per customer, shared only by customers that appear more than once in the batch.
  const ids = new Set<string>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as CustomerFacts;
    if (f === null || typeof f !== "object" || typeof f.customerId !== "string" || f.customerId === "") {
      throw new InputError(ErrorCodes.INVALID_FIELD, "evaluateTriggers requires a non-empty customerId on every customer's facts", ["customers", i, "customerId"], f?.customerId);
    }
    if (ids.has(f.customerId)) repeated.set(f.customerId, []);
    else ids.add(f.customerId);
  }
  for (const f of list) {
    const id = f.customerId;
    const start = actions.length;
    // Keys fired for this customer in this call (few per customer: a list, allocated on the first firing).
    let seen: string[] | undefined = repeated.get(id);
    const fire = (t: Trigger, cause: string, explain: () => string) => {
      const dedupKey = dedupKeyOf(t.id, id, cause);
      if ((seen !== undefined && seen.includes(dedupKey)) || wasFired(dedupKey)) return;
      (seen ??= []).push(dedupKey);
      const contact = actionContact(t.action);
      if (contact !== null) {
        const consent = isAllowed(f.consent, contact.purpose, contact.channel, now);
        if (!consent.allowed) {
          blocked.push({ customerId: id, triggerId: t.id, dedupKey, cause, rule: "consent", consent, firedAt: now });
          return;
        }
      }
      if (isHeldOut(t.id, id, t.holdoutShare)) {
        heldOut.push({ customerId: id, triggerId: t.id, dedupKey, cause, rule: "holdout", firedAt: now });
        return;
      }
      actions.push(new Due(id, t, dedupKey, cause, now, explain));
    };

    if (f.interactions !== undefined && index.byInteractionType.size > 0) {
      for (const i of f.interactions) {
        const ts = index.byInteractionType.get(i.type);
        if (ts === undefined) continue;
        for (const t of ts) {
          const c = t.condition;
          if (c.kind !== "interaction" || (c.channel !== undefined && c.channel !== i.channel)) continue;
          fire(t, `interaction:${i.id}`, () => `${i.type} interaction ${i.id}${i.channel === undefined ? "" : ` on ${i.channel}`} at ${iso(i.at)}`);
        }
      }
    }
    for (let side = 0; side < 2; side++) {
      const changes = side === 0 ? f.segmentsEntered : f.segmentsExited;
      const byKey = side === 0 ? index.bySegmentEntered : index.bySegmentExited;
      if (changes === undefined || byKey.size === 0) continue;
      const kind = side === 0 ? "segmentEntered" : "segmentExited";
      for (const ch of changes) {
        const ts = byKey.get(ch.segment);
        if (ts === undefined) continue;
        for (const t of ts) fire(t, `${kind}:${ch.segment}@${ch.at}`, () => `${side === 0 ? "entered" : "left"} segment ${ch.segment} at ${iso(ch.at)}`);
      }
    }
    if (f.traits !== undefined) {
      for (const [trait, ts] of dateTraits) {
        const date = dateOf(f.traits[trait]);
        if (!Number.isFinite(date)) continue;
        for (const t of ts) {
          const c = t.condition;
          if (c.kind !== "dateRelative") continue;
          const from = date + c.offsetDays * DAY;
          if (from > now || now >= from + (c.graceDays ?? 1) * DAY) continue;
          const rel = c.offsetDays === 0 ? "" : c.offsetDays < 0 ? ` − ${-c.offsetDays} days` : ` + ${c.offsetDays} days`;
          fire(t, `date:${trait}@${date}`, () => `${trait} ${iso(date)}${rel} came at ${iso(from)}`);
        }
      }
    }
    if (f.metrics !== undefined) {
      for (const [metric, ts] of metrics) {
        const obs = f.metrics[metric];
        if (obs === undefined || !Number.isFinite(obs.value)) continue;
        for (const t of ts) {
          const c = t.condition;
          if (c.kind !== "metricThreshold") continue;
          const v = obs.value;
          const hit = c.op === "lt" ? v < c.value : c.op === "lte" ? v <= c.value : c.op === "gt" ? v > c.value : v >= c.value;
          if (hit) fire(t, `metric:${metric}@${obs.at}`, () => `${metric} ${v} ${opText[c.op]} ${c.value} (observed ${iso(obs.at)})`);
        }
      }
    }
    if (f.pAlive !== undefined && index.pAliveDrop.length > 0) {
      const { current, previous, previousAt } = f.pAlive;
      const drop = previous - current;
      for (const t of index.pAliveDrop) {
        const c = t.condition;
        if (c.kind === "pAliveDrop" && drop >= c.minDrop) fire(t, `pAlive@${previousAt}`, () => `P(alive) fell from ${previous} to ${current} since ${iso(previousAt)} (drop ${drop} ≥ ${c.minDrop})`);
      }
    }
    if (actions.length - start > 1) {
      const mine = actions.slice(start).sort((a, b) => b.priority - a.priority || cmp(a.triggerId, b.triggerId) || cmp(a.cause, b.cause));
      for (let k = 0; k < mine.length; k++) actions[start + k] = mine[k] as DueAction;
    }
  }
  return { actions, heldOut, blocked };
}

/** A due action whose `reason` is written on first read (most actions are counted or filtered, few are explained). */
class Due implements DueAction {
  readonly triggerId: string;
  readonly action: DueAction["action"];
  readonly priority: number;
  readonly conditionKind: DueAction["conditionKind"];
  declare readonly dueBy?: number;
  #explain: (() => string) | undefined;
  #reason: string | undefined;
  constructor(
    readonly customerId: string,
    trigger: Trigger,
    readonly dedupKey: string,
    readonly cause: string,
    readonly firedAt: number,
    explain: () => string,
  ) {
    this.triggerId = trigger.id;
    this.action = trigger.action;
    this.priority = trigger.priority;
    this.conditionKind = trigger.condition.kind;
    if (trigger.action.type === "task") this.dueBy = firedAt + trigger.action.dueWithinHours * 3_600_000;
    this.#explain = explain;
  }

  get reason(): string {
    if (this.#reason === undefined) {
      this.#reason = (this.#explain as () => string)();
      this.#explain = undefined;
    }
    return this.#reason;
  }

  toJSON(): DueAction {
    const { customerId, triggerId, action, priority, dedupKey, cause, conditionKind, reason, firedAt, dueBy } = this;
    return { customerId, triggerId, action, priority, dedupKey, cause, conditionKind, reason, firedAt, ...(dueBy === undefined ? {} : { dueBy }) };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
