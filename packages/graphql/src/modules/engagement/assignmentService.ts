import { assignEngagementModels, type AssignmentCustomer, type EngagementAssignmentResult } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { insertRows } from "../../data/insertRows.js";
import { ModelAssignmentSchema } from "../../entities/ModelAssignment.js";
import { segmentKeysAt } from "../segment/segmentService.js";
import { latestModels } from "./engagementModelService.js";
import { loadStrategy } from "./engagementStrategyService.js";
import { EngagementAssignmentReportType, ModelUsageType } from "./ModelAssignment.type.js";

interface CustomerRow {
  id: number;
  predicted_clv: number | null;
  p_alive: number | null;
  journey_stage: string | null;
  ladder_tier: string | null;
}

/**
 * The core's view of every customer of the workspace at `asOf`: value =
 * predicted CLV (0 when not computed yet: nothing known at risk, so they are
 * served last), P(alive) when computed, the segments they are in at `asOf`
 * (the core's compiled segments), journey stage and ladder tier, and the
 * model their stored assignment names (for the core's hysteresis).
 */
export async function assignmentCustomers(scope: WorkspaceScope, asOf: number): Promise<AssignmentCustomer[]> {
  const rows = await scope.select<CustomerRow>("select id, predicted_clv, p_alive, journey_stage, ladder_tier from customers where workspace_id = ? order by id");
  const previous = new Map<number, { model: string; version: number }>();
  for (const r of await scope.select<{ customer_id: number; model_id: string; version: number }>("select customer_id, model_id, version from model_assignments where workspace_id = ?")) {
    previous.set(Number(r.customer_id), { model: r.model_id, version: Number(r.version) });
  }
  const segments = await segmentKeysAt(scope, asOf);
  return rows.map((r) => {
    const id = Number(r.id);
    const before = previous.get(id);
    return {
      id: String(id),
      value: r.predicted_clv === null ? 0 : Number(r.predicted_clv),
      ...(r.p_alive === null ? {} : { pAlive: Number(r.p_alive) }),
      segments: segments.get(id) ?? [],
      ...(r.journey_stage ? { journeyStage: r.journey_stage } : {}),
      ...(r.ladder_tier ? { ladderTier: r.ladder_tier } : {}),
      ...(before ? { previous: before } : {}),
    };
  });
}

/**
 * Computes every customer's engagement model with the core's
 * assignEngagementModels (the stored strategy and capacities, the
 * workspace's models at their latest versions) and, unless `dryRun`,
 * replaces the stored assignments in one transaction. FAILED_PRECONDITION
 * before a strategy is set.
 */
export async function assignModels(scope: WorkspaceScope, options: { dryRun: boolean; asOf: Date }): Promise<{ report: EngagementAssignmentReportType; result: EngagementAssignmentResult }> {
  const stored = await loadStrategy(scope);
  if (!stored) throw new GraphQLError("assignEngagementModels requires an engagement strategy: set one with setEngagementStrategy", { extensions: { code: "FAILED_PRECONDITION" } });
  const models = [...(await latestModels(scope)).values()].map((m) => m.model);
  const asOf = options.asOf.getTime();
  const customers = await assignmentCustomers(scope, asOf);
  const result = assignEngagementModels(customers, stored.strategy, { models, capacities: stored.capacities });
  const before = new Map(customers.map((c) => [c.id, c.previous]));
  let changed = 0;
  for (const a of result.assignments) {
    const prev = before.get(a.customer);
    if (!prev || prev.model !== a.model || prev.version !== a.version) changed++;
  }
  if (!options.dryRun) {
    await scope.em.transactional(async (tx) => {
      const t = scope.with(tx);
      await t.execute("delete from model_assignments where workspace_id = :workspace");
      await insertRows(
        tx,
        ModelAssignmentSchema,
        ["workspace", "customer"],
        result.assignments.map((a) => ({
          workspace: scope.workspaceId,
          customer: Number(a.customer),
          modelId: a.model,
          version: a.version,
          reason: a.reason,
          segment: a.rule === null ? null : (stored.strategy.rules[a.rule]?.segment ?? null),
          rank: a.rank,
          assignedAt: options.asOf,
        })),
      );
    });
  }
  const versions = new Map(models.map((m) => [m.id, m.version]));
  const usage = Object.entries(result.usage)
    .map(([model, u]) =>
      Object.assign(new ModelUsageType(), {
        model,
        version: versions.get(model) ?? 1,
        customers: u.used,
        capacity: u.capacity,
        utilization: u.capacity === null || u.capacity === 0 ? null : u.used / u.capacity,
      }),
    )
    .filter((u) => u.customers > 0 || u.capacity !== null)
    .sort((a, b) => b.customers - a.customers || (a.model < b.model ? -1 : 1));
  return {
    report: Object.assign(new EngagementAssignmentReportType(), { dryRun: options.dryRun, asOf: options.asOf, customers: result.assignments.length, changed, usage }),
    result,
  };
}
