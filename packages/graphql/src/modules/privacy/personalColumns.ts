/**
 * What erasure does with each column of each table holding customer data.
 * Every column of every such table must be listed here, as personal (with
 * the way it is erased) or as kept (with why it is not personal): the
 * privacy test reads the live schema and fails on a column that is in
 * neither list, so a new column cannot slip past the erasure unclassified.
 *
 * - `null`: set to NULL.
 * - `pseudonym`: replaced by `erased:<erasure reference>` (unique, names nobody).
 * - `strip`: JSON interaction properties, personal keys and values removed
 *   (the core's `stripPersonalProperties`).
 * - tables with `deleteRows`: every row of the customer is deleted.
 */
export type ErasureAction = "null" | "pseudonym" | "strip";

export interface TableErasure {
  readonly deleteRows?: true;
  readonly personal: Readonly<Record<string, ErasureAction>>;
  /** Columns that are not personal and are kept (aggregates, keys, internal ids). */
  readonly kept: readonly string[];
}

export const PERSONAL_COLUMNS: Readonly<Record<string, TableErasure>> = {
  customers: {
    personal: { email: "null", traits: "null", external_id: "pseudonym" },
    // Derived scores and the saved states (stage, score accumulator, activity timestamps by type; the last P(alive)
    // the time-based triggers saw) name nobody
    // and keep segments, cohorts and values as they were.
    kept: ["id", "workspace_id", "created_at", "journey_stage", "ladder_tier", "engagement_score", "rfm_score", "predicted_clv", "p_alive", "next_check_at", "state", "state_rev", "trigger_state"],
  },
  // Identifiers (email, phone, device id) are personal by definition.
  customer_identities: { deleteRows: true, personal: { kind: "null", value: "null" }, kept: ["id", "workspace_id", "customer_id"] },
  interactions: {
    personal: { properties: "strip" },
    // The idempotency key stays so a retried batch after the erasure is still a duplicate (it must not carry personal data: documented).
    kept: ["id", "workspace_id", "customer_id", "idempotency_key", "type", "channel", "touchpoint", "occurred_at", "value"],
  },
  // The shop's order id is the order's key, amounts feed revenue.
  orders: { personal: {}, kept: ["id", "workspace_id", "customer_id", "external_id", "ordered_at", "amount_cents", "items"] },
  // No free-text column is stored for answers today; scores feed NPS/CSAT/CES.
  survey_responses: {
    personal: {},
    kept: ["id", "workspace_id", "customer_id", "survey", "kind", "score", "scale_min", "scale_max", "touchpoint", "channel", "responded_at", "idempotency_key"],
  },
  // No ticket text is stored, only the timeline.
  support_tickets: { personal: {}, kept: ["id", "workspace_id", "customer_id", "external_id", "channel", "opened_at"] },
  ticket_events: { personal: {}, kept: ["id", "workspace_id", "ticket_id", "idempotency_key", "type", "occurred_at"] },
  segment_memberships: { personal: {}, kept: ["id", "workspace_id", "segment_id", "customer_id", "entered_at"] },
  // The reason is the core's explanation of a rule match (segment and model names).
  model_assignments: { personal: {}, kept: ["id", "workspace_id", "customer_id", "model_id", "version", "reason", "segment", "rank", "assigned_at"] },
  // Consent stays: a withdrawal must keep applying. `source` names a form or an agent id, not the person.
  consent_events: {
    personal: {},
    kept: ["id", "workspace_id", "customer_id", "idempotency_key", "purpose", "channel", "status", "at", "source", "expires_at", "recorded_at"],
  },
  // A free-text reason may name the person ("birthday gift for Ann"); points and dates keep the ledger.
  points_operations: { personal: { reason: "null" }, kept: ["id", "workspace_id", "customer_id", "key", "kind", "points", "at", "expires_at", "recorded_at"] },
  // A firing's cause, dedup key and reasons quote the customer's facts (a birthday, a subscription end date, an
  // interaction's id): the customer's actions are deleted, so uplift reports no longer count an erased customer.
  trigger_actions: {
    deleteRows: true,
    personal: { cause: "null", dedup_key: "null", reason: "null", rule_reason: "null", action: "null" },
    kept: ["id", "workspace_id", "customer_id", "trigger_key", "condition_kind", "status", "priority", "rule", "action_type", "channel", "purpose", "fired_at", "due_at", "done_at"],
  },
  customer_erasures: { personal: {}, kept: ["id", "workspace_id", "customer_id", "reference", "erased_at", "counts", "personal_properties"] },
};
