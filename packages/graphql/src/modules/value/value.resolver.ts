import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { meanInterval } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { IntervalType } from "../common/Interval.type.js";
import { refreshCustomerValues } from "./customerValues.js";
import { ModelFitType, RefreshCustomerValuesInput, ValueModelReportType, ValueSummaryType } from "./ValueModelReport.type.js";

function fit(model: string, result: { params: object; standardErrors: object | null; logLikelihood: number; convergence: { converged: boolean }; customers: number }): ModelFitType {
  const se = result.standardErrors as Record<string, number> | null;
  return Object.assign(new ModelFitType(), {
    model,
    params: Object.entries(result.params as Record<string, number>).map(([name, value]) => ({ name, value, standardError: se?.[name] ?? null })),
    logLikelihood: result.logLikelihood,
    converged: result.convergence.converged,
    customers: result.customers,
  });
}

@Resolver()
export class ValueResolver {
  @Mutation(() => ValueModelReportType, {
    description: "Fits BG/NBD and Gamma-Gamma on the workspace's orders and writes every customer's P(alive), predicted CLV and RFM cell; refreshes segments.",
  })
  async refreshCustomerValues(
    @Ctx() ctx: Context,
    @Arg("input", () => RefreshCustomerValuesInput, { nullable: true }) input?: RefreshCustomerValuesInput,
  ): Promise<ValueModelReportType> {
    const options = { horizonMonths: input?.horizonMonths ?? 12, monthlyDiscountRate: input?.monthlyDiscountRate ?? 0.01, ...(input?.asOf ? { asOf: input.asOf } : {}) };
    const r = await ctx.scope.em.transactional((tx) => refreshCustomerValues(ctx.scope.with(tx), options));
    return Object.assign(new ValueModelReportType(), {
      customers: r.summary.customerIds.length,
      purchaseModel: fit("BG/NBD", r.purchase),
      spendModel: r.spend ? fit("Gamma-Gamma", r.spend) : null,
      frequencySpendCorrelation: r.correlation,
      rfmSegments: [...r.segmentCounts].sort((a, b) => b[1] - a[1]).map(([segment, customers]) => ({ segment, customers })),
      segmentChanges: r.changes.length,
    });
  }

  @Query(() => ValueSummaryType, { nullable: true, description: "Mean and total predicted CLV and mean P(alive) with t intervals; null before values are computed." })
  async valueSummary(@Ctx() ctx: Context): Promise<ValueSummaryType | null> {
    const rows = await ctx.scope.select<Record<string, number | string | null>>(
      `select count(*) as n, sum(predicted_clv) as s, sum(predicted_clv * predicted_clv) as ss, sum(p_alive) as pa, sum(p_alive * p_alive) as pass
       from customers where workspace_id = ? and predicted_clv is not null and p_alive is not null`,
    );
    const row = rows[0];
    const n = Number(row?.n ?? 0);
    if (!row || n === 0) return null;
    const clv = meanInterval(n, Number(row.s), Number(row.ss));
    const alive = meanInterval(n, Number(row.pa), Number(row.pass));
    return Object.assign(new ValueSummaryType(), {
      n,
      meanClv: clv.mean,
      meanClvInterval: clv.interval ? IntervalType.from(clv.interval) : null,
      totalClv: Number(row.s),
      meanPAlive: alive.mean,
      meanPAliveInterval: alive.interval ? IntervalType.from(alive.interval) : null,
    });
  }
}
