import type { ConsentState } from "../consent/ConsentState.js";
import type { TraitValue } from "../segments/Profile.js";

/** An interaction seen since the last run, as triggers read it. */
export interface FactInteraction {
  /** Idempotency id of the interaction (the cause of an `interaction` trigger). */
  readonly id: string;
  readonly type: string;
  readonly channel?: string;
  /** Epoch ms. */
  readonly at: number;
}

/**
 * A segment entered or left since the last run — e.g. from segments'
 * `createSegmentMembership` deltas: `delta.entered.map((segment) => ({ segment, at: now }))`.
 */
export interface SegmentChange {
  readonly segment: string;
  /** Epoch ms of the change. */
  readonly at: number;
}

/** The latest observation of a metric: the value and when it was observed (an NPS answer's time). */
export interface MetricObservation {
  readonly value: number;
  readonly at: number;
}

/** P(alive) now and at the previous evaluation. */
export interface PAliveChange {
  readonly current: number;
  readonly previous: number;
  /** Epoch ms of the previous evaluation (the cause of a `pAliveDrop` trigger). */
  readonly previousAt: number;
}

/**
 * What {@link evaluateTriggers} knows about one customer at a run: what
 * changed since the last run (interactions, segment changes), the current
 * traits and metrics, P(alive) now and before, consent and time zone. Build
 * it from the saved per-customer state and the batch of new events — there is
 * no need to replay the history.
 *
 * @example
 * const facts: CustomerFacts = {
 *   customerId: "c1",
 *   traits: { "subscription.endsAt": "2026-12-31T00:00:00Z" },
 *   metrics: { lastNps: { value: 4, at: Date.parse("2026-12-01T10:00:00Z") } },
 *   timeZone: "Europe/Paris",
 * };
 */
export interface CustomerFacts {
  readonly customerId: string;
  readonly interactions?: readonly FactInteraction[];
  readonly segmentsEntered?: readonly SegmentChange[];
  readonly segmentsExited?: readonly SegmentChange[];
  readonly traits?: Readonly<Record<string, TraitValue>>;
  /** Latest observations by metric name (`"lastNps"`, `"csat"`, `"engagementScore"`…). */
  readonly metrics?: Readonly<Record<string, MetricObservation>>;
  readonly pAlive?: PAliveChange;
  readonly consent?: ConsentState;
  /** IANA time zone of the customer (quiet hours); default: the policy's. */
  readonly timeZone?: string;
}
