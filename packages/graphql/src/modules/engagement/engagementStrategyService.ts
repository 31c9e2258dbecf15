import { InputError, validateCapacities, validateEngagementStrategy, type EngagementStrategy, type ModelCapacities } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toDate, type SqlDate } from "../../data/sqlDate.js";
import { EngagementStrategySchema } from "../../entities/EngagementStrategy.js";
import { loadSegments } from "../segment/segmentService.js";
import { latestModels } from "./engagementModelService.js";
import { EngagementStrategyType, ModelCapacityType, StrategyRuleType, type EngagementStrategyInput } from "./EngagementStrategy.type.js";
import { underArgument } from "./inputPath.js";

/** The workspace's stored strategy, as the core's types. */
export interface StoredStrategy {
  readonly strategy: EngagementStrategy;
  readonly capacities: ModelCapacities;
  readonly updatedAt: Date;
}

const parse = <T>(v: string | Record<string, unknown>): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/** The stored strategy; null before one is set. */
export async function loadStrategy(scope: WorkspaceScope): Promise<StoredStrategy | null> {
  const rows = await scope.select<{ definition: string | Record<string, unknown>; capacities: string | Record<string, unknown>; updated_at: SqlDate }>(
    "select definition, capacities, updated_at from engagement_strategies where workspace_id = ?",
  );
  const row = rows[0];
  return row ? { strategy: parse<EngagementStrategy>(row.definition), capacities: parse<ModelCapacities>(row.capacities), updatedAt: toDate(row.updated_at) } : null;
}

/** The API type of a stored strategy (capacities in model id order). */
export function toStrategyType(s: StoredStrategy): EngagementStrategyType {
  return Object.assign(new EngagementStrategyType(), {
    rules: s.strategy.rules.map((r) =>
      Object.assign(new StrategyRuleType(), { segment: r.segment, models: [...r.models], journeyStage: r.journeyStage ?? null, ladderTier: r.ladderTier ?? null }),
    ),
    fallback: s.strategy.fallback,
    capacities: Object.keys(s.capacities)
      .sort()
      .map((model) => Object.assign(new ModelCapacityType(), { model, capacity: s.capacities[model] as number })),
    updatedAt: s.updatedAt,
  });
}

/**
 * The core's strategy and capacities of the API input. The list of
 * capacities becomes the core's record; a model named twice is refused here
 * (the record cannot say it).
 */
function fromInput(input: EngagementStrategyInput): { strategy: EngagementStrategy; capacities: ModelCapacities; capacityIndex: Map<string, number> } {
  const strategy: EngagementStrategy = {
    rules: input.rules.map((r) => ({
      segment: r.segment,
      models: [...r.models],
      ...(r.journeyStage ? { journeyStage: r.journeyStage } : {}),
      ...(r.ladderTier ? { ladderTier: r.ladderTier } : {}),
    })),
    fallback: input.fallback,
  };
  const capacities: Record<string, number> = {};
  const capacityIndex = new Map<string, number>();
  input.capacities.forEach((c, i) => {
    if (capacityIndex.has(c.model)) {
      throw new GraphQLError(`setEngagementStrategy requires each model's capacity once, got ${JSON.stringify(c.model)} twice`, {
        extensions: { code: "BAD_USER_INPUT", field: `input.capacities.${i}.model` },
      });
    }
    capacityIndex.set(c.model, i);
    capacities[c.model] = c.capacity;
  });
  return { strategy, capacities, capacityIndex };
}

/**
 * Validates a strategy with the core against the workspace's models (catalog
 * and custom, latest versions) and segments, and its capacities against the
 * models, then replaces the stored one in a transaction. BAD_USER_INPUT with
 * the path under `input` (a capacity's path names its position in the list).
 */
export async function setStrategy(scope: WorkspaceScope, input: EngagementStrategyInput): Promise<StoredStrategy> {
  const { strategy, capacities, capacityIndex } = fromInput(input);
  const models = [...(await latestModels(scope)).values()].map((m) => m.model);
  const segments = (await loadSegments(scope)).map((s) => s.key);
  const members = new Map<string, Set<string>>();
  for (const r of await scope.select<{ key: string; customer_id: number }>(
    "select s.key, m.customer_id from segment_memberships m join segments s on s.id = m.segment_id where m.workspace_id = ?",
  )) {
    const set = members.get(r.key) ?? new Set<string>();
    set.add(String(r.customer_id));
    members.set(r.key, set);
  }
  const checked = underArgument("input", () => validateEngagementStrategy(strategy, { models, segments, members }));
  try {
    validateCapacities(capacities, models);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // The core names the model in its path; the client sent a list, so name the list position.
    const at = e.path.findIndex((p) => typeof p === "string" && capacityIndex.has(p));
    const index = at >= 0 ? capacityIndex.get(e.path[at] as string) : undefined;
    const path = index === undefined ? ["input", ...e.path] : ["input", "capacities", index, "capacity", ...e.path.slice(at + 1)];
    throw new InputError(e.code, e.message, path, e.value);
  }
  const updatedAt = new Date();
  const definition = checked as unknown as Record<string, unknown>;
  await scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    await t.execute("delete from engagement_strategies where workspace_id = :workspace");
    await tx.insert(EngagementStrategySchema, { workspace: scope.workspaceId, definition, capacities: capacities as Record<string, unknown>, updatedAt } as never);
  });
  return { strategy: checked, capacities, updatedAt };
}
