import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { dialect } from "../../data/sqlDialect.js";
import type { EngagekitPlugin } from "../../plugins/EngagekitPlugin.js";
import { pluginRuntime } from "../../plugins/PluginRuntime.js";
import { refreshMemberships, type MembershipChange } from "./segmentService.js";

/**
 * The expiry half of incremental membership: time-based conditions ("no
 * purchase in 90 days", "clicked within the last day") can flip without any
 * event. Each customer carries `next_check_at`, the earliest time one of its
 * segments may flip (from the core's `nextCheckAt`); this re-evaluates the
 * customers whose time has come, in every workspace, and returns the changes.
 * The server calls it on a timer (`ENGAGEKIT_EXPIRY_INTERVAL_MS`); pass the
 * installed plugins so their condition kinds compile.
 */
export async function expireDueMemberships(orm: MikroORM, now = Date.now(), options: { readonly plugins?: readonly EngagekitPlugin[] } = {}): Promise<{ workspaceId: number; changes: MembershipChange[] }[]> {
  const em = orm.em.fork() as EntityManager;
  // Plugins' condition kinds compile only against their registry (and read their traits).
  const plugins = options.plugins && options.plugins.length > 0 ? pluginRuntime(options.plugins) : null;
  const due = await em
    .getConnection()
    .execute<{ workspace_id: number; id: number }[]>(
      "select workspace_id, id from customers where next_check_at is not null and next_check_at <= ? order by workspace_id, id",
      [dialect(em) === "postgresql" ? new Date(now) : now],
    );
  const byWorkspace = new Map<number, number[]>();
  for (const row of due) {
    const list = byWorkspace.get(Number(row.workspace_id)) ?? [];
    list.push(Number(row.id));
    byWorkspace.set(Number(row.workspace_id), list);
  }
  const out: { workspaceId: number; changes: MembershipChange[] }[] = [];
  for (const [workspaceId, ids] of byWorkspace) {
    const changes = await em.transactional((tx) => refreshMemberships(new WorkspaceScope(tx as EntityManager, workspaceId, null, plugins), ids, now));
    out.push({ workspaceId, changes });
  }
  return out;
}
