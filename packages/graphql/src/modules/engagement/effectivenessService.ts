import { costToServe, modelEffectiveness, periodDays, type EffectivenessRow, type ModelEffectivenessReport } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { dialect } from "../../data/sqlDialect.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { latestModels } from "./engagementModelService.js";
import { underArgument } from "./inputPath.js";

/** Segment of the rows of customers no strategy rule took (they went straight to the fallback). */
export const NO_RULE_SEGMENT = "none";

/**
 * One row per customer with a stored assignment, for the core's
 * modelEffectiveness over [from, to):
 * - model: the stored assignment's; segment: the segment of the rule that took the customer ({@link NO_RULE_SEGMENT} when none did);
 * - retained: bought at least once in the period; repeatPurchase: at least twice; revenue: the period's spend (0 without orders);
 * - predictedClv: the stored value, when computed; nps / csat: the customer's last answer in the period (NPS 0–10; CSAT on a 1–5 scale only);
 * - covariates.priorSpend: spend in the period of the same length before `from` (the composition check).
 */
export async function effectivenessRows(scope: WorkspaceScope, from: Date, to: Date): Promise<EffectivenessRow[]> {
  const pg = dialect(scope.em) === "postgresql";
  const at = (d: Date) => (pg ? d : d.getTime());
  const before = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const assigned = await scope.select<{ customer_id: number; model_id: string; segment: string | null; predicted_clv: number | null }>(
    `select a.customer_id, a.model_id, a.segment, c.predicted_clv from model_assignments a join customers c on c.id = a.customer_id
     where a.workspace_id = ? order by a.customer_id`,
  );
  const spend = async (start: Date, end: Date) => {
    const out = new Map<number, { orders: number; cents: number }>();
    for (const r of await scope.select<{ customer_id: number; n: number | string; cents: number | string }>(
      "select customer_id, count(*) as n, sum(amount_cents) as cents from orders where workspace_id = ? and ordered_at >= ? and ordered_at < ? group by customer_id",
      [at(start), at(end)],
    )) out.set(Number(r.customer_id), { orders: Number(r.n), cents: Number(r.cents) });
    return out;
  };
  const during = await spend(from, to);
  const prior = await spend(before, from);
  const lastAnswer = async (kind: "NPS" | "CSAT") => {
    const out = new Map<number, { score: number; at: number }>();
    const scale = kind === "NPS" ? "scale_min = 0 and scale_max = 10" : "scale_min = 1 and scale_max = 5";
    for (const r of await scope.select<{ customer_id: number; score: number; at: SqlDate }>(
      `select customer_id, score, responded_at as at from survey_responses
       where workspace_id = ? and kind = '${kind}' and ${scale} and score is not null and customer_id is not null and responded_at >= ? and responded_at < ?`,
      [at(from), at(to)],
    )) {
      const id = Number(r.customer_id);
      const seen = out.get(id);
      if (!seen || toMs(r.at) >= seen.at) out.set(id, { score: Number(r.score), at: toMs(r.at) });
    }
    return out;
  };
  const nps = await lastAnswer("NPS");
  const csat = await lastAnswer("CSAT");
  return assigned.map((a) => {
    const id = Number(a.customer_id);
    const bought = during.get(id);
    const n = nps.get(id);
    const c = csat.get(id);
    return {
      customer: String(id),
      model: a.model_id,
      segment: a.segment ?? NO_RULE_SEGMENT,
      retained: (bought?.orders ?? 0) > 0,
      repeatPurchase: (bought?.orders ?? 0) >= 2,
      revenue: (bought?.cents ?? 0) / 100,
      ...(a.predicted_clv === null ? {} : { predictedClv: Number(a.predicted_clv) }),
      ...(n ? { nps: n.score } : {}),
      ...(c ? { csat: c.score } : {}),
      covariates: { priorSpend: (prior.get(id)?.cents ?? 0) / 100 },
    };
  });
}

/**
 * The core's modelEffectiveness of the stored assignments over [from, to),
 * one group per assigned model, each model's cost to serve converted to the period's length with the core's
 * costToServe and periodDays (cost is a rate: per year × days / 365.2425).
 * BAD_USER_INPUT when the period is empty or reversed.
 */
export async function effectiveness(scope: WorkspaceScope, from: Date, to: Date, by: "model" | "segment"): Promise<ModelEffectivenessReport> {
  if (!(to.getTime() > from.getTime())) {
    throw new GraphQLError("modelEffectiveness requires period.to after period.from", { extensions: { code: "BAD_USER_INPUT", field: "period.to" } });
  }
  const rows = await effectivenessRows(scope, from, to);
  if (rows.length === 0) {
    throw new GraphQLError("modelEffectiveness requires stored assignments: run assignEngagementModels first", { extensions: { code: "FAILED_PRECONDITION" } });
  }
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  const assigned = new Set(rows.map((r) => r.model));
  const models = [...(await latestModels(scope)).values()].filter(({ model }) => assigned.has(model.id)).map(({ model }) => ({ id: model.id, cost: { perCustomer: (costToServe(model, "year").perCustomer * days) / periodDays.year } }));
  return underArgument("rows", () => modelEffectiveness(rows, { models, by, covariates: ["priorSpend"] }));
}
