import type { CustomerFacts, FactInteraction, Interaction, MetricObservation, ProfileChange, SegmentChange } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { lastNpsOf } from "../../data/customerProfile.js";
import { chunks } from "../../data/chunks.js";
import type { MembershipChange } from "../segment/segmentService.js";
import { settleFirings, type SettleSummary } from "./settleFirings.js";
import { triggerSet } from "./triggerSet.js";

/** What an ingestion batch hands to triggers: its own events and what they changed. */
export interface IngestedEvents {
  /** The batch's new interactions (customers keyed by database id, as ingestion builds them). */
  readonly interactions?: readonly Interaction[];
  /** The batch's segment membership changes (computed in the same transaction). */
  readonly segments?: readonly MembershipChange[];
  /** What changed per customer (a `value` change of `lastNps` brings a new NPS answer). */
  readonly changes?: ReadonlyMap<number, readonly ProfileChange[]>;
}

/**
 * Evaluates the workspace's active event-driven triggers (interaction,
 * segment entered / exited, metric threshold on the last NPS answer) for the
 * customers of an ingestion batch, inside the batch's transaction, and
 * records the resulting actions (see {@link settleFirings}).
 *
 * The facts are the batch's own events — its interactions, the membership
 * changes it caused (at `now`), the new last NPS answer of customers whose
 * answer changed — so nothing is replayed from the history. A workspace
 * without active event-driven triggers costs one look-up in the process's
 * cached trigger set and no query.
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
  }
  if (index.bySegmentEntered.size > 0 || index.bySegmentExited.size > 0) {
    for (const c of events.segments ?? []) {
      const entered = c.entered.filter((s) => index.bySegmentEntered.has(s));
      const exited = c.exited.filter((s) => index.bySegmentExited.has(s));
      if (entered.length > 0) (of(c.customerId).segmentsEntered ??= []).push(...entered.map((segment) => ({ segment, at: now })));
      if (exited.length > 0) (of(c.customerId).segmentsExited ??= []).push(...exited.map((segment) => ({ segment, at: now })));
    }
  }
  if (index.byMetric.has("lastNps")) {
    const answered = [...(events.changes ?? [])].filter(([, cs]) => cs.some((c) => c.kind === "value" && c.metric === "lastNps")).map(([id]) => id);
    const nps = new Map<number, { score: number; at: number }>();
    for (const part of chunks(answered, 400)) await lastNpsOf(scope, part, nps);
    for (const [id, a] of nps) (of(id).metrics ??= {}).lastNps = { value: a.score, at: a.at };
  }
  if (facts.size === 0) return null;
  const list: CustomerFacts[] = [...facts].map(([id, f]) => ({ customerId: String(id), ...f }));
  return settleFirings(scope, list, index, set, now);
}
