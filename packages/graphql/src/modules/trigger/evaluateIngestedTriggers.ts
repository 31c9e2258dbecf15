import type { CustomerFacts, FactInteraction, Interaction, MetricObservation, SegmentChange } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import type { MembershipChange } from "../segment/segmentService.js";
import { settleFirings, type SettleSummary } from "./settleFirings.js";
import { triggerSet } from "./triggerSet.js";

/** What an ingestion batch hands to triggers: its own events and what they changed. */
export interface IngestedEvents {
  /** The batch's new interactions (customers keyed by database id, as ingestion builds them). */
  readonly interactions?: readonly Interaction[];
  /**
   * The batch's other events as `interaction` triggers see them, per customer
   * id: orders as `purchase` (id `order:<order id>`, no channel), ticket events
   * as `ticket_<event type>` (id `ticket:<idempotency key>`, the ticket's channel).
   */
  readonly events?: ReadonlyMap<number, readonly FactInteraction[]>;
  /** The batch's segment membership changes (computed in the same transaction). */
  readonly segments?: readonly MembershipChange[];
  /**
   * Per customer whose batch brought survey answers: the latest answer of
   * each kind it brought (`lastNps`, `lastCsat`, `lastCes`), from the saved
   * per-customer state (see advanceCustomerState).
   */
  readonly metrics?: ReadonlyMap<number, Readonly<Record<string, MetricObservation>>>;
}

/**
 * Evaluates the workspace's active event-driven triggers (interaction,
 * segment entered / exited, metric threshold on the latest NPS, CSAT or CES
 * answer) for the customers of an ingestion batch, inside the batch's
 * transaction, and records the resulting actions (see {@link settleFirings}).
 *
 * The facts are the batch's own events — its interactions, orders and
 * ticket events, the membership changes it caused (at `now`), the latest
 * answers of customers who answered — so nothing is replayed from the
 * history. A workspace without active event-driven triggers costs one
 * look-up in the process's cached trigger set and no query.
 */
export async function evaluateIngestedTriggers(scope: WorkspaceScope, now: number, events: IngestedEvents): Promise<SettleSummary | null> {
  const set = await triggerSet(scope);
  const index = set.eventDriven;
  if (index === null) return null;
  const facts = new Map<number, { interactions?: FactInteraction[]; segmentsEntered?: SegmentChange[]; segmentsExited?: SegmentChange[]; metrics?: Record<string, MetricObservation> }>();
  const of = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = {}));
    return f;
  };
  if (index.byInteractionType.size > 0) {
    for (const i of events.interactions ?? []) {
      if (!index.byInteractionType.has(i.type)) continue;
      const f = of(Number(i.customer.value));
      (f.interactions ??= []).push({ id: i.id, type: i.type, channel: i.channel, at: i.timestamp });
    }
    for (const [id, list] of events.events ?? []) {
      for (const i of list) if (index.byInteractionType.has(i.type)) (of(id).interactions ??= []).push(i);
    }
  }
  if (index.bySegmentEntered.size > 0 || index.bySegmentExited.size > 0) {
    for (const c of events.segments ?? []) {
      const entered = c.entered.filter((s) => index.bySegmentEntered.has(s));
      const exited = c.exited.filter((s) => index.bySegmentExited.has(s));
      if (entered.length > 0) (of(c.customerId).segmentsEntered ??= []).push(...entered.map((segment) => ({ segment, at: now })));
      if (exited.length > 0) (of(c.customerId).segmentsExited ??= []).push(...exited.map((segment) => ({ segment, at: now })));
    }
  }
  if (index.byMetric.size > 0) {
    for (const [id, m] of events.metrics ?? []) {
      for (const [name, obs] of Object.entries(m)) if (index.byMetric.has(name)) (of(id).metrics ??= {})[name] = obs;
    }
  }
  if (facts.size === 0) return null;
  const list: CustomerFacts[] = [...facts].map(([id, f]) => ({ customerId: String(id), ...f }));
  return settleFirings(scope, list, index, set, now);
}
