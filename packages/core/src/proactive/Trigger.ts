import type { OwnerRole } from "../models/EngagementModel.js";

/**
 * What makes a {@link Trigger} fire, with the cause that deduplicates it
 * (the same trigger fires at most once per customer and cause):
 * - `interaction`: the customer performed an interaction of `interactionType`
 *   (optionally on `channel`) since the last run; cause: the interaction id;
 * - `segmentEntered` / `segmentExited`: the customer entered / left `segment`
 *   since the last run; cause: segment and the time of the change;
 * - `dateRelative`: the date in trait `trait` (epoch ms or ISO 8601) plus
 *   `offsetDays` (negative: before) has come, at most `graceDays` ago (default 1),
 *   e.g. `{ trait: "subscription.endsAt", offsetDays: -14 }` is a renewal
 *   reminder 14 days before the end; cause: trait and its date (a renewed
 *   subscription with a new end date fires again);
 * - `metricThreshold`: the latest observation of `metric` (e.g. `"lastNps"`)
 *   satisfies `op value` (`lte 6`: a detractor); cause: metric and observation time;
 * - `pAliveDrop`: P(alive) fell by at least `minDrop` (absolute, in (0, 1])
 *   since the previous evaluation; cause: the previous evaluation's time.
 */
export type TriggerCondition =
  | { readonly kind: "interaction"; readonly interactionType: string; readonly channel?: string }
  | { readonly kind: "segmentEntered"; readonly segment: string }
  | { readonly kind: "segmentExited"; readonly segment: string }
  | { readonly kind: "dateRelative"; readonly trait: string; readonly offsetDays: number; readonly graceDays?: number }
  | { readonly kind: "metricThreshold"; readonly metric: string; readonly op: ThresholdOperator; readonly value: number }
  | { readonly kind: "pAliveDrop"; readonly minDrop: number };

/** The condition kinds, in the order of {@link TriggerCondition}. */
export type TriggerConditionKind = TriggerCondition["kind"];

/** Comparison of a metric threshold. */
export type ThresholdOperator = "lt" | "lte" | "gt" | "gte";

/** The purposes a message action can have: marketing needs consent on its channel; service follows the service rule (see consent's `isAllowed`). */
export type MessagePurpose = "marketing" | "service";

/**
 * What a {@link Trigger} does when it fires (the next-best action):
 * - `message`: send `template` on `channel` for `purpose`;
 * - `task`: a task for a person in `ownerRole` (a CSM call, a support follow-up), due within `dueWithinHours`;
 * - `offer`: present offer `offerId` on `channel` (always marketing);
 * - `custom`: an action of a kind registered by the integrator (a `CustomActionKind`, e.g. a webhook),
 *   see {@link CustomTriggerAction}.
 */
export type TriggerAction =
  | { readonly type: "message"; readonly channel: string; readonly template: string; readonly purpose: MessagePurpose }
  | { readonly type: "task"; readonly ownerRole: OwnerRole; readonly dueWithinHours: number; readonly note?: string }
  | { readonly type: "offer"; readonly offerId: string; readonly channel: string }
  | CustomTriggerAction;

/**
 * An action of a registered `CustomActionKind` (`kind`, e.g. `"webhook"`) with its parameters, checked
 * against the kind's schema by {@link validateTrigger}. With a `channel` (and a `purpose`) it contacts the
 * customer, so consent and the contact policy treat it as a message on that channel for that purpose; without
 * one it is internal work, like a task (no consent needed, always kept by the contact policy).
 *
 * @example
 * const hook: CustomTriggerAction = { type: "custom", kind: "webhook", params: { url: "https://crm.example/hooks/churn" } };
 */
export interface CustomTriggerAction {
  readonly type: "custom";
  readonly kind: string;
  /** JSON values, as the kind's schema accepts them. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly channel?: string;
  /** Only with `channel`: the contact's purpose (`marketing`, the stricter rule, when left out). */
  readonly purpose?: MessagePurpose;
}

/**
 * A proactive-engagement rule: when `condition` holds for a customer, do
 * `action` — unless the customer is in the trigger's holdout (a deterministic
 * `holdoutShare` of customers who never get it, to measure uplift), or the
 * contact policy defers or drops it.
 *
 * Build from untrusted input with {@link validateTrigger}.
 *
 * @example
 * const renewal: Trigger = {
 *   id: "renewal-reminder",
 *   condition: { kind: "dateRelative", trait: "subscription.endsAt", offsetDays: -14 },
 *   action: { type: "message", channel: "email", template: "renewal_reminder", purpose: "service" },
 *   priority: 50,
 *   holdoutShare: 0.1,
 * };
 */
export interface Trigger {
  readonly id: string;
  readonly condition: TriggerCondition;
  readonly action: TriggerAction;
  /** Higher first: when the contact policy cannot keep every action, the higher priority is kept. Finite. */
  readonly priority: number;
  /** Share of customers held out (no action), in [0, 1]; 0 = none. */
  readonly holdoutShare: number;
  /** A paused trigger never fires. */
  readonly paused?: boolean;
}
