import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { GraphQLError } from "graphql";
import { cohortRetention, kaplanMeier, repeatPurchaseRate, type Rate } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { IntervalType } from "../common/Interval.type.js";
import { CustomerFilterInput, customerFilterSql } from "../common/CustomerFilter.input.js";
import { ChurnDefinitionInput, CohortMatrixType, CohortPeriodEnum, RateType, RetentionMode, SurvivalCurveType } from "./Retention.type.js";

const DAY = 86_400_000;

export function toRateType(r: Rate): RateType {
  return Object.assign(new RateType(), { rate: r.rate, interval: IntervalType.from(r.interval), n: r.n, count: r.count });
}

/** ` and <customer condition>` for the orders of the filtered customers, with its parameters. */
function customersOf(ctx: Context, filter: CustomerFilterInput | undefined): [string, unknown[]] {
  const f = customerFilterSql(ctx.workspace.id, "customer_id", filter);
  return f ? [` and ${f.sql}`, f.params] : ["", []];
}

/** Per customer: first and last order time, and the number of orders. */
async function orderSpans(ctx: Context, filter: CustomerFilterInput | undefined) {
  const [where, params] = customersOf(ctx, filter);
  return ctx.scope.select<{ customer_id: number; first: SqlDate; last: SqlDate; n: number | string }>(
    `select customer_id, min(ordered_at) as first, max(ordered_at) as last, count(*) as n from orders where workspace_id = ?${where} group by customer_id`,
    params,
  );
}

const FILTER = { nullable: true, description: "Only these customers (segment, journey stage, ladder rung)." } as const;

@Resolver()
export class RetentionResolver {
  @Query(() => CohortMatrixType, { nullable: true, description: "Acquisition cohorts (first order) and the share ordering again in each later period; null without orders." })
  async cohortRetention(
    @Ctx() ctx: Context,
    @Arg("period", () => CohortPeriodEnum, { defaultValue: CohortPeriodEnum.MONTH }) period: CohortPeriodEnum,
    @Arg("mode", () => RetentionMode, { defaultValue: RetentionMode.CLASSIC }) mode: RetentionMode,
    @Arg("filter", () => CustomerFilterInput, FILTER) filter?: CustomerFilterInput,
  ): Promise<CohortMatrixType | null> {
    const [where, params] = customersOf(ctx, filter);
    const rows = await ctx.scope.select<{ customer_id: number; ordered_at: SqlDate }>(`select customer_id, ordered_at from orders where workspace_id = ?${where}`, params);
    if (rows.length === 0) return null;
    const m = cohortRetention(rows.map((r) => Number(r.customer_id)), rows.map((r) => toMs(r.ordered_at)), period, mode);
    return Object.assign(new CohortMatrixType(), {
      period: m.period,
      mode: m.mode,
      rows: m.cohorts.map((cohort, c) => ({ cohort, size: m.sizes[c], counts: [...(m.counts[c] ?? [])], shares: [...(m.shares[c] ?? [])] })),
    });
  }

  @Query(() => RateType, { nullable: true, description: "Share of buying customers who ordered more than once (Wilson interval); null without orders." })
  async repeatPurchaseRate(@Ctx() ctx: Context, @Arg("filter", () => CustomerFilterInput, FILTER) filter?: CustomerFilterInput): Promise<RateType | null> {
    const spans = await orderSpans(ctx, filter);
    if (spans.length === 0) return null;
    return toRateType(repeatPurchaseRate({ customers: spans.length, repeatCustomers: spans.filter((s) => Number(s.n) > 1).length }));
  }

  @Query(() => SurvivalCurveType, {
    nullable: true,
    description: "Kaplan–Meier customer lifetime from orders: churn = no order for inactiveDays by asOf (lifetime = last − first order); others censored at asOf.",
  })
  async churnSurvival(
    @Ctx() ctx: Context,
    @Arg("definition", () => ChurnDefinitionInput, { nullable: true }) definition?: ChurnDefinitionInput,
    @Arg("filter", () => CustomerFilterInput, FILTER) filter?: CustomerFilterInput,
  ): Promise<SurvivalCurveType | null> {
    const inactive = definition?.inactiveDays ?? 90;
    if (!Number.isInteger(inactive) || inactive < 1) {
      throw new GraphQLError("inactiveDays must be a positive integer", { extensions: { code: "BAD_USER_INPUT", field: "definition.inactiveDays" } });
    }
    const spans = await orderSpans(ctx, filter);
    if (spans.length === 0) return null;
    const asOf = definition?.asOf?.getTime() ?? Math.max(...spans.map((s) => toMs(s.last)));
    const times: number[] = [];
    const events: number[] = [];
    for (const s of spans) {
      const first = toMs(s.first);
      const last = toMs(s.last);
      if (first > asOf) continue;
      const churned = asOf - last > inactive * DAY;
      times.push(((churned ? last : asOf) - first) / DAY);
      events.push(churned ? 1 : 0);
    }
    if (times.length === 0) return null;
    const km = kaplanMeier(times, events);
    return Object.assign(new SurvivalCurveType(), {
      n: km.n,
      churned: km.events,
      censored: km.censored,
      medianLifetimeDays: km.medianSurvival,
      steps: km.steps.map((s) => ({ ...s, interval: s.interval ? IntervalType.from(s.interval) : null })),
    });
  }
}
