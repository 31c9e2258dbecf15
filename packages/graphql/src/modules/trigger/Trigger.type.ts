import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { CustomerType } from "../customer/Customer.type.js";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("Trigger", { simpleResolvers: true, description: "A proactive-engagement trigger (the core's Trigger): condition × action, priority, holdout share, paused." })
export class TriggerType {
  @Field(() => ID, { description: "The trigger id, unique in the workspace." })
  id!: string;

  @Field(() => JSONObjectResolver, { description: "The condition, e.g. { kind: \"dateRelative\", trait: \"subscription.endsAt\", offsetDays: -14 }." })
  condition!: Record<string, unknown>;

  @Field(() => JSONObjectResolver, {
    description: "The action: message (channel, template, purpose), task (ownerRole, dueWithinHours), offer (offerId, channel) or custom (kind, params, and channel and purpose when it contacts the customer: an action kind a plugin registered).",
  })
  action!: Record<string, unknown>;

  @Field(() => Float)
  priority!: number;

  @Field(() => Float, { description: "Share of customers held out (no action), in [0, 1]." })
  holdoutShare!: number;

  @Field(() => Boolean)
  paused!: boolean;

  @Field(() => String, { description: "event (evaluated by ingestion, in the batch's transaction) or schedule (evaluated on the expiry interval)." })
  evaluatedOn!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

@ObjectType("FrequencyCap", { simpleResolvers: true })
export class FrequencyCapType {
  @Field(() => Int)
  max!: number;

  @Field(() => Float)
  windowDays!: number;

  @Field(() => String, { nullable: true, description: "Null: across channels." })
  channel!: string | null;
}

@ObjectType("QuietHours", { simpleResolvers: true })
export class QuietHoursType {
  @Field(() => Int, { description: "Minutes after local midnight, 0–1439." })
  start!: number;

  @Field(() => Int)
  end!: number;

  @Field(() => [String], { nullable: true, description: "Null: every channel." })
  channels!: string[] | null;
}

@ObjectType("ContactPolicy", { simpleResolvers: true, description: "The workspace's contact policy (the core's ContactPolicy). Consent is always enforced on top." })
export class ContactPolicyType {
  @Field(() => [FrequencyCapType])
  caps!: FrequencyCapType[];

  @Field(() => QuietHoursType, { nullable: true })
  quietHours!: QuietHoursType | null;

  @Field(() => String)
  timeZone!: string;

  @Field(() => Float, { nullable: true })
  complaintCooldownDays!: number | null;

  @Field(() => String, { description: "drop or defer." })
  capOverflow!: string;

  @Field(() => Float, { nullable: true })
  maxDeferDays!: number | null;

  @Field(() => Boolean, { description: "False when no policy was set (the default: UTC, no caps, no quiet hours)." })
  stored!: boolean;
}

export enum ActionStatus {
  PENDING = "pending",
  DEFERRED = "deferred",
  DROPPED = "dropped",
  HELD_OUT = "held_out",
  BLOCKED = "blocked",
  DONE = "done",
}
registerEnumType(ActionStatus, {
  name: "ActionStatus",
  description:
    "pending: due now; deferred: due at dueAt (quiet hours or full caps); dropped: stopped by the contact policy (rule); held_out: in the trigger's holdout; blocked: consent did not allow it at evaluation; done: marked done.",
});

@ObjectType("DueAction", { simpleResolvers: true, description: "A firing of a trigger for a customer: the action, why, and what the contact policy decided." })
export class DueActionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ActionStatus)
  status!: ActionStatus;

  @Field(() => TriggerType, { nullable: true, description: "Null if the trigger was deleted." })
  trigger!: TriggerType | null;

  @Field(() => String)
  triggerId!: string;

  @Field(() => CustomerType)
  customer!: CustomerType;

  @Field(() => String, { description: "message, task, offer or custom." })
  actionType!: string;

  @Field(() => String, { nullable: true, description: "For a custom action: the plugin's action kind (e.g. webhook); its params are in action.params. Null otherwise." })
  actionKind!: string | null;

  @Field(() => String, { nullable: true, description: "The contact's channel; null for tasks and custom actions without one (internal work)." })
  channel!: string | null;

  @Field(() => String, { nullable: true, description: "marketing or service; null for internal work." })
  purpose!: string | null;

  @Field(() => JSONObjectResolver)
  action!: Record<string, unknown>;

  @Field(() => Float)
  priority!: number;

  @Field(() => [String], { description: "Why it fired, then (when one applied) the rule's reason." })
  reasons!: string[];

  @Field(() => String, { description: "The cause that deduplicates it (interaction:<id>, date:<trait>@<t>, metric:<name>@<t>…)." })
  cause!: string;

  @Field(() => String)
  dedupKey!: string;

  @Field(() => String)
  conditionKind!: string;

  @Field(() => String, { nullable: true, description: "The rule that deferred or stopped it: quiet-hours, frequency-cap, cooldown, consent or holdout." })
  rule!: string | null;

  @Field(() => DateTimeResolver)
  firedAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When to send (messages, offers: now or the deferral's end) or by when the task is due; null when dropped, held out or blocked." })
  dueAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  doneAt!: Date | null;
}

@ObjectType("UpliftGroup", { simpleResolvers: true })
export class UpliftGroupType {
  @Field(() => Int)
  n!: number;
  @Field(() => Int)
  conversions!: number;
  @Field(() => Int)
  conversionN!: number;
  @Field(() => Int)
  retained!: number;
  @Field(() => Int)
  retentionN!: number;
  @Field(() => Int)
  revenueN!: number;
  @Field(() => Float, { nullable: true })
  meanRevenue!: number | null;
}

@ObjectType("UpliftEstimate", { simpleResolvers: true, description: "treated − holdout, with an interval and a p-value; or why there is none (never 0 for no data)." })
export class UpliftEstimateType {
  @Field(() => Float, { nullable: true })
  difference!: number | null;
  @Field(() => Float, { nullable: true, description: "The holdout level (rate or mean)." })
  holdout!: number | null;
  @Field(() => Float, { nullable: true, description: "The treated level." })
  treated!: number | null;
  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;
  @Field(() => Float, { nullable: true })
  pValue!: number | null;
  @Field(() => Float, { nullable: true, description: "difference / holdout level; null when that is 0." })
  relativeLift!: number | null;
  @Field(() => String, { nullable: true, description: "Why there is no estimate." })
  reason!: string | null;
}

@ObjectType("SampleRatio", { simpleResolvers: true })
export class SampleRatioType {
  @Field(() => Float)
  chiSquare!: number;
  @Field(() => Float)
  pValue!: number;
  @Field(() => Boolean)
  mismatch!: boolean;
}

@ObjectType("UpliftReport", { simpleResolvers: true, description: "The core's upliftReport of a trigger: customers it fired for (treated) vs its holdout, outcomes over a window after the firing." })
export class UpliftReportType {
  @Field(() => String)
  triggerId!: string;
  @Field(() => Float)
  windowDays!: number;
  @Field(() => UpliftGroupType)
  treated!: UpliftGroupType;
  @Field(() => UpliftGroupType)
  holdout!: UpliftGroupType;
  @Field(() => UpliftEstimateType, { description: "Ordered within the window." })
  conversion!: UpliftEstimateType;
  @Field(() => UpliftEstimateType, { description: "Any interaction or order within the window." })
  retention!: UpliftEstimateType;
  @Field(() => UpliftEstimateType, { description: "Order revenue within the window." })
  revenue!: UpliftEstimateType;
  @Field(() => SampleRatioType, { nullable: true })
  sampleRatio!: SampleRatioType | null;
}

@ObjectType("AnalyticsExportRow", { simpleResolvers: true, description: "One interaction of a customer whose analytics consent covers it (the core's filterExport)." })
export class AnalyticsExportRowType {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  customerExternalId!: string;
  @Field(() => String)
  type!: string;
  @Field(() => String)
  channel!: string;
  @Field(() => DateTimeResolver)
  occurredAt!: Date;
  @Field(() => Float, { nullable: true })
  value!: number | null;
}
