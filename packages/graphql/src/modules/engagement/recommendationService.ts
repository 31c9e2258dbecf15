import { meanInterval, recommendEngagementModels, type RecommendationInput } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { latestModels } from "./engagementModelService.js";
import { underArgument } from "./inputPath.js";
import { ModelRecommendationType, ModelRecommendationsType } from "./ModelRecommendation.type.js";

/**
 * The core's recommendEngagementModels for one segment (or every customer
 * with `"*"`): its size, the average predicted CLV spread over the horizon it
 * was computed for (the core wants a value per month), and the CLV's
 * coefficient of variation (standard deviation / mean, from the core's
 * meanInterval), ranking the workspace's models at their latest versions.
 * NOT_FOUND for an unknown segment; FAILED_PRECONDITION when no member has a
 * predicted CLV yet.
 */
export async function recommendForSegment(
  scope: WorkspaceScope,
  segment: string,
  options: { horizonMonths: number; market?: "B2B" | "B2C"; complexity?: "low" | "mid" | "high"; costPerCsmAccount?: number },
): Promise<ModelRecommendationsType> {
  let rows: { n: number | string; k: number | string; s: number | string | null; ss: number | string | null }[];
  const aggregates = "count(*) as n, count(c.predicted_clv) as k, sum(c.predicted_clv) as s, sum(c.predicted_clv * c.predicted_clv) as ss";
  if (segment === "*") {
    rows = await scope.select(`select ${aggregates} from customers c where c.workspace_id = ?`);
  } else {
    const found = await scope.select<{ id: number }>("select id from segments where workspace_id = ? and key = ?", [segment]);
    const id = found[0]?.id;
    if (id === undefined) throw new GraphQLError(`no segment with key ${JSON.stringify(segment)}`, { extensions: { code: "NOT_FOUND", field: "segment" } });
    rows = await scope.select(
      `select ${aggregates} from customers c where c.workspace_id = ? and c.id in (select m.customer_id from segment_memberships m where m.workspace_id = c.workspace_id and m.segment_id = ?)`,
      [Number(id)],
    );
  }
  const row = rows[0];
  const customers = Number(row?.n ?? 0);
  const withClv = Number(row?.k ?? 0);
  if (!row || withClv === 0) {
    throw new GraphQLError(`modelRecommendations requires members with a predicted CLV in segment ${JSON.stringify(segment)}: run refreshCustomerValues first`, {
      extensions: { code: "FAILED_PRECONDITION", field: "segment" },
    });
  }
  if (!(Number.isInteger(options.horizonMonths) && options.horizonMonths > 0)) {
    throw new GraphQLError(`modelRecommendations requires horizonMonths to be a positive integer, got ${options.horizonMonths}`, { extensions: { code: "BAD_USER_INPUT", field: "horizonMonths" } });
  }
  const clv = meanInterval(withClv, Number(row.s), Number(row.ss));
  const input: RecommendationInput = {
    customers,
    averageValue: clv.mean / options.horizonMonths,
    ...(clv.standardDeviation !== null && clv.mean > 0 ? { valueSpread: clv.standardDeviation / clv.mean } : {}),
    ...(options.market ? { market: options.market } : {}),
    ...(options.complexity ? { complexity: options.complexity } : {}),
  };
  const models = [...(await latestModels(scope)).values()].map((m) => m.model);
  const ranked = underArgument("input", () =>
    recommendEngagementModels(input, { models, ...(options.costPerCsmAccount === undefined ? {} : { costPerCsmAccount: options.costPerCsmAccount }) }),
  );
  return Object.assign(new ModelRecommendationsType(), {
    segment,
    customers,
    customersWithClv: withClv,
    averageClv: clv.mean,
    averageValuePerMonth: input.averageValue,
    valueSpread: input.valueSpread ?? null,
    recommendations: ranked.map((r) => Object.assign(new ModelRecommendationType(), { model: r.model, fit: r.fit, reasons: [...r.reasons] })),
  });
}
