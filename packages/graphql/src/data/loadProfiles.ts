import type { Interaction, InteractionHistory, Profile } from "@engagekit/core";
import type { WorkspaceScope } from "./WorkspaceScope.js";
import { toMs } from "./sqlDate.js";
import { idChunks, lastNpsOf, PROFILE_COLUMNS, profileFromColumns, type ProfileColumns } from "./customerProfile.js";

/**
 * Builds the core's segment {@link Profile} of customers from the database:
 * traits, interaction history by type (recorded orders count as `purchase`,
 * beside interactions of any type), stored values (RFM, CLV, P(alive),
 * engagement score, the last NPS answer) and the ladder tier.
 * `ids` = "all" loads every customer of the workspace. `given.interactions`:
 * these customers' interactions, already read by the caller (customer keyed
 * by database id), so only orders are read here.
 */
export async function loadProfiles(
  scope: WorkspaceScope,
  ids: readonly number[] | "all",
  given?: { readonly interactions: readonly Interaction[] },
): Promise<Map<number, Profile>> {
  const parts = ids === "all" ? [null] : idChunks([...new Set(ids)]);
  const customers: ProfileColumns[] = [];
  const events: { customer_id: number; type: string; at: string | number | Date }[] = [];
  const lastNps = new Map<number, { score: number; at: number }>();
  for (const part of parts) {
    const inList = part ? ` and customer_id in (${part.map(() => "?").join(", ")})` : "";
    const idList = part ? ` and id in (${part.map(() => "?").join(", ")})` : "";
    const p = part ?? [];
    customers.push(
      ...(await scope.select<ProfileColumns>(
        `select ${PROFILE_COLUMNS} from customers where workspace_id = ?${idList}`,
        p,
      )),
    );
    events.push(
      ...(await (given
        ? scope.select<{ customer_id: number; type: string; at: string | number | Date }>(
            `select customer_id, 'purchase' as type, ordered_at as at from orders where workspace_id = ?${inList}`,
            p,
          )
        : scope.select<{ customer_id: number; type: string; at: string | number | Date }>(
            `select customer_id, type, occurred_at as at from interactions where workspace_id = ?${inList}
             union all select customer_id, 'purchase' as type, ordered_at as at from orders where workspace_id = ?${inList}`,
            [...p, scope.workspaceId, ...p],
          ))),
    );
    await lastNpsOf(scope, part, lastNps);
  }
  const histories = new Map<number, Map<string, number[]>>();
  const add = (id: number, type: string, at: number) => {
    let byType = histories.get(id);
    if (!byType) histories.set(id, (byType = new Map()));
    let times = byType.get(type);
    if (!times) byType.set(type, (times = []));
    times.push(at);
  };
  for (const e of events) add(Number(e.customer_id), e.type, toMs(e.at));
  for (const i of given?.interactions ?? []) add(Number(i.customer.value), i.type, i.timestamp);
  const out = new Map<number, Profile>();
  for (const c of customers) {
    const id = Number(c.id);
    const interactions: Record<string, InteractionHistory> = {};
    for (const [type, times] of histories.get(id) ?? []) {
      times.sort((a, b) => a - b);
      interactions[type] = { count: times.length, first: times[0] as number, last: times[times.length - 1] as number, times };
    }
    out.set(id, profileFromColumns(c, interactions, lastNps.get(id)?.score));
  }
  return out;
}
