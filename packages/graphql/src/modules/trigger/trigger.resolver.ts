import { Arg, Ctx, Float, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import type { ContactPolicy } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { Connection } from "../common/connection.js";
import { paginateSql } from "../common/paginate.js";
import { analyticsExport } from "./analyticsExport.js";
import { dueActions, markActionDone } from "./dueActionService.js";
import { toTriggerType } from "./toTriggerType.js";
import { ActionStatus, AnalyticsExportRowType, ContactPolicyType, DueActionType, FrequencyCapType, QuietHoursType, TriggerType, UpliftReportType } from "./Trigger.type.js";
import { createTrigger, setContactPolicy, setPaused } from "./triggerService.js";
import { DEFAULT_POLICY, triggerSet } from "./triggerSet.js";
import { triggerUplift } from "./upliftService.js";

const TriggerConnection = Connection(TriggerType, "Trigger");
type TriggerConnection = InstanceType<typeof TriggerConnection>;
const DueActionConnection = Connection(DueActionType, "DueAction");
type DueActionConnection = InstanceType<typeof DueActionConnection>;
const AnalyticsExportConnection = Connection(AnalyticsExportRowType, "AnalyticsExport");
type AnalyticsExportConnection = InstanceType<typeof AnalyticsExportConnection>;

function toPolicyType(p: ContactPolicy, stored: boolean): ContactPolicyType {
  return Object.assign(new ContactPolicyType(), {
    caps: (p.caps ?? []).map((c) => Object.assign(new FrequencyCapType(), { max: c.max, windowDays: c.windowDays, channel: c.channel ?? null })),
    quietHours: p.quietHours ? Object.assign(new QuietHoursType(), { start: p.quietHours.start, end: p.quietHours.end, channels: p.quietHours.channels ? [...p.quietHours.channels] : null }) : null,
    timeZone: p.timeZone,
    complaintCooldownDays: p.complaintCooldownDays ?? null,
    capOverflow: p.capOverflow ?? "drop",
    maxDeferDays: p.maxDeferDays ?? null,
    stored,
  });
}

/** Proactive engagement: triggers, the contact policy, the actions they produce, uplift and the consent-filtered analytics export. */
@Resolver()
export class TriggerResolver {
  @Query(() => TriggerConnection, { description: "The workspace's triggers, oldest first." })
  async triggers(@Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 50 }) first: number, @Arg("after", () => String, { nullable: true }) after?: string): Promise<TriggerConnection> {
    const set = await triggerSet(ctx.scope);
    const page = await paginateSql<{ id: number; key: string }, TriggerType | null>(ctx.scope, "id, key", "from triggers where workspace_id = ?", first, after, (r) => {
      const s = set.byKey.get(r.key);
      return s ? toTriggerType(s) : null;
    });
    return Object.assign(new TriggerConnection(), { ...page, edges: page.edges.filter((e) => e.node !== null) });
  }

  @Mutation(() => TriggerType, {
    description:
      "Creates a trigger, checked by the core's validateTrigger against the workspace's segments and channels (BAD_USER_INPUT at input.<field>: unknown segment or channel, bad numbers, a duplicate id). metricThreshold triggers watch lastNps, lastCsat or lastCes (the latest answer of the kind: NPS 0–10, CSAT 1–5, CES 1–7, other scales rescaled). interaction triggers also see orders (purchase) and ticket events (ticket_opened, ticket_agent_reply, ticket_customer_reply, ticket_resolved, ticket_reopened). A custom action names an action kind a plugin registered ({ type: \"custom\", kind, params }). Nothing is written on error.",
  })
  async createTrigger(
    @Ctx() ctx: Context,
    @Arg("input", () => JSONObjectResolver, { description: "{ id, condition, action, priority, holdoutShare } as the core's Trigger." }) input: Record<string, unknown>,
  ): Promise<TriggerType> {
    return toTriggerType(await createTrigger(ctx.scope, input));
  }

  @Mutation(() => TriggerType, { description: "Pauses a trigger (it never fires while paused). NOT_FOUND for an unknown id." })
  async pauseTrigger(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<TriggerType> {
    return toTriggerType(await setPaused(ctx.scope, id, true));
  }

  @Mutation(() => TriggerType, { description: "Resumes a paused trigger. NOT_FOUND for an unknown id." })
  async resumeTrigger(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<TriggerType> {
    return toTriggerType(await setPaused(ctx.scope, id, false));
  }

  @Query(() => ContactPolicyType, { description: "The workspace's contact policy; the default (UTC, no caps) when none was set." })
  async contactPolicy(@Ctx() ctx: Context): Promise<ContactPolicyType> {
    const p = (await triggerSet(ctx.scope)).policy;
    return toPolicyType(p ?? DEFAULT_POLICY, p !== null);
  }

  @Mutation(() => ContactPolicyType, {
    description: "Replaces the contact policy, checked by the core's validateContactPolicy (BAD_USER_INPUT at input.<field>: caps ≤ 0, unknown time zone or channel…).",
  })
  async setContactPolicy(@Ctx() ctx: Context, @Arg("input", () => JSONObjectResolver) input: Record<string, unknown>): Promise<ContactPolicyType> {
    return toPolicyType(await setContactPolicy(ctx.scope, input), true);
  }

  @Query(() => DueActionConnection, {
    description: "Actions triggers produced, oldest first. Without status: those due now (pending, and deferred whose time has come); with status: exactly those (dropped and deferred carry their rule).",
  })
  async dueActions(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("status", () => ActionStatus, { nullable: true }) status?: ActionStatus,
    @Arg("trigger", () => ID, { nullable: true }) trigger?: string,
  ): Promise<DueActionConnection> {
    return Object.assign(new DueActionConnection(), await dueActions(ctx.scope, first, after, status ?? undefined, trigger ?? undefined));
  }

  @Mutation(() => DueActionType, { description: "Marks a pending or deferred action done (idempotent). NOT_FOUND for an unknown id; CONFLICT for a dropped, held-out or blocked one." })
  markActionDone(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<DueActionType> {
    return markActionDone(ctx.scope, id);
  }

  @Query(() => UpliftReportType, { description: "Treated vs holdout of a trigger (the core's upliftReport): conversion, retention and revenue over windowDays after each customer's first firing, with intervals." })
  upliftReport(@Ctx() ctx: Context, @Arg("trigger", () => ID) trigger: string, @Arg("windowDays", () => Float, { defaultValue: 30 }) windowDays: number): Promise<UpliftReportType> {
    return triggerUplift(ctx.scope, trigger, windowDays);
  }

  @Query(() => AnalyticsExportConnection, { description: "The workspace's interactions, only those whose customer's analytics consent covers them (the core's filterExport, per channel), in id order." })
  async analyticsExport(@Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 100 }) first: number, @Arg("after", () => String, { nullable: true }) after?: string): Promise<AnalyticsExportConnection> {
    return Object.assign(new AnalyticsExportConnection(), await analyticsExport(ctx.scope, first, after));
  }
}
