import { definePlugin, type EngagekitPlugin, type PluginTraits } from "@engagekit/graphql";
import { auditMiddleware, type AuditEntry } from "./auditMiddleware.js";
import { churnRisk } from "./churnRisk.js";
import { Migration20261204000000_subscriptions as PgSubscriptions } from "./migrations/postgresql/Migration20261204000000_subscriptions.js";
import { Migration20261204000000_subscriptions as SqliteSubscriptions } from "./migrations/sqlite/Migration20261204000000_subscriptions.js";
import { renewalDesk } from "./renewalDesk.js";
import { renewingWithin } from "./renewingWithin.js";
import { SubscriptionSchema } from "./Subscription.entity.js";
import { SubscriptionResolver } from "./subscription.resolver.js";
import { subscriptionsOf } from "./subscriptionService.js";
import { webhookAction } from "./webhookAction.js";

/**
 * The integrator's plugin, as one object: the Subscription entity and its
 * migrations (both dialects), its GraphQL type, query and mutation, the
 * `subscription_renewing_within` segment condition (with the profile traits
 * it reads), the `webhook` trigger action kind, the `renewal_desk` engagement
 * model, the `churnRisk` metric and an audit middleware.
 */
export function subscriptionsPlugin(options: { readonly onAudit?: (entry: AuditEntry) => void } = {}) {
  return definePlugin({
    name: "subscriptions",
    resolvers: [SubscriptionResolver],
    entities: [SubscriptionSchema],
    migrations: {
      sqlite: [{ name: "Migration20261204000000_subscriptions", class: SqliteSubscriptions }],
      postgresql: [{ name: "Migration20261204000000_subscriptions", class: PgSubscriptions }],
    },
    conditions: [renewingWithin],
    profileTraits: {
      // Traits are merged as `subscriptions.<key>`: renewsAt (epoch ms) and plan.
      async load(scope, customerIds) {
        const out = new Map<number, PluginTraits>();
        for (const s of await subscriptionsOf(scope, customerIds)) out.set(s.customerId, { renewsAt: s.renewsAt.getTime(), plan: s.plan });
        return out;
      },
    },
    triggerActions: [webhookAction],
    models: [renewalDesk],
    metrics: [churnRisk],
    middlewares: options.onAudit ? [auditMiddleware(options.onAudit)] : [],
  });
}

/** The plugin's type, for `defineSegment` and `PluginConditionOf`. */
export type SubscriptionsPlugin = ReturnType<typeof subscriptionsPlugin>;
export type { EngagekitPlugin };
