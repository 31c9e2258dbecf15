import { InputError } from "@engagekit/core";
import { CustomerSchema, refreshMemberships, type MembershipChange, type WorkspaceScope } from "@engagekit/graphql";
import { SubscriptionSchema, type SubscriptionEntity } from "./Subscription.entity.js";
import type { SubscriptionInput } from "./Subscription.type.js";

/** A subscription row as the GraphQL layer reads it. */
export interface SubscriptionRow {
  readonly id: number;
  readonly customerId: number;
  readonly plan: string;
  readonly renewsAt: Date;
}

function toRow(s: SubscriptionEntity): SubscriptionRow {
  const customer = s.customer as unknown as { id: number };
  return { id: s.id, customerId: Number(customer.id), plan: s.plan, renewsAt: s.renewsAt };
}

/** The subscriptions of the given customers of the scope's workspace (the workspace filter applies). */
export async function subscriptionsOf(scope: WorkspaceScope, customerIds: readonly number[]): Promise<SubscriptionRow[]> {
  const out: SubscriptionRow[] = [];
  // Chunked: bind-parameter limits (SQLite, PostgreSQL) on large workspaces.
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await scope.em.find(SubscriptionSchema, { customer: { $in: customerIds.slice(i, i + 1000) } } as never);
    out.push(...rows.map(toRow));
  }
  return out;
}

/** Every subscription of the workspace. */
export async function allSubscriptions(scope: WorkspaceScope): Promise<SubscriptionRow[]> {
  const rows = await scope.em.find(SubscriptionSchema, {});
  return rows.map(toRow);
}

/**
 * Creates or replaces subscriptions, all or nothing: every item is checked
 * first (a bad item throws InputError naming its index and field, nothing
 * is written), then they are written and the customers' segment memberships
 * refreshed in one transaction.
 */
export async function upsertSubscriptions(scope: WorkspaceScope, input: readonly SubscriptionInput[]): Promise<{ rows: SubscriptionRow[]; segmentChanges: MembershipChange[] }> {
  if (input.length > 1000) throw new InputError("METRIC.INVALID_OPTION", "upsertSubscriptions requires at most 1000 items", ["input"], input.length);
  input.forEach((item, i) => {
    if (item.plan.length < 1 || item.plan.length > 64) throw new InputError("METRIC.INVALID_OPTION", "upsertSubscriptions requires a plan of 1–64 characters", ["input", i, "plan"], item.plan);
    if (!Number.isFinite(item.renewsAt.getTime())) throw new InputError("METRIC.INVALID_OPTION", "upsertSubscriptions requires a valid renewsAt", ["input", i, "renewsAt"], item.renewsAt);
  });
  const externalIds = [...new Set(input.map((i) => i.customerExternalId))];
  const customers = await scope.em.find(CustomerSchema, { externalId: { $in: externalIds } } as never);
  const idOf = new Map(customers.map((c) => [c.externalId, Number(c.id)]));
  input.forEach((item, i) => {
    if (!idOf.has(item.customerExternalId)) {
      throw new InputError("METRIC.INVALID_OPTION", `upsertSubscriptions requires a known customer, got ${JSON.stringify(item.customerExternalId)}`, ["input", i, "customerExternalId"], item.customerExternalId);
    }
  });
  return scope.em.transactional(async (tx) => {
    const txScope = scope.with(tx);
    const now = new Date();
    for (const item of input) {
      const customer = idOf.get(item.customerExternalId) as number;
      const updated = await tx.nativeUpdate(SubscriptionSchema, { workspace: scope.workspaceId, customer } as never, { plan: item.plan, renewsAt: item.renewsAt, updatedAt: now } as never);
      if (updated === 0) await tx.insert(SubscriptionSchema, { workspace: scope.workspaceId, customer, plan: item.plan, renewsAt: item.renewsAt, updatedAt: now } as never);
    }
    const ids = [...new Set(input.map((i) => idOf.get(i.customerExternalId) as number))];
    const segmentChanges = await refreshMemberships(txScope, ids);
    const rows = (await tx.find(SubscriptionSchema, { customer: { $in: ids } } as never)).map(toRow);
    return { rows, segmentChanges };
  });
}
