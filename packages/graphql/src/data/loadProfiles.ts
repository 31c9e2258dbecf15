import type { Profile } from "@engagekit/core";
import type { WorkspaceScope } from "./WorkspaceScope.js";
import { toMs } from "./sqlDate.js";
import { chunks } from "./chunks.js";
import { profileConsent } from "../modules/consent/consentService.js";
import { addActivity, historiesFrom, lastNpsOf, PROFILE_COLUMNS, profileFromColumns, type ActivityTimes, type ProfileColumns } from "./customerProfile.js";

/**
 * Builds the core's segment {@link Profile} of customers from the database:
 * traits, interaction history by type (recorded orders count as `purchase`,
 * beside interactions of any type), stored values (RFM, CLV, P(alive),
 * engagement score, the last NPS answer), the ladder tier, and the consent
 * map as of `now` (epoch ms, default the current time: the core's
 * consentFlags of the stored consent events, see `profileConsent`).
 * `ids` = "all" loads every customer of the workspace.
 */
export async function loadProfiles(scope: WorkspaceScope, ids: readonly number[] | "all", now = Date.now()): Promise<Map<number, Profile>> {
  const parts = ids === "all" ? [null] : chunks([...new Set(ids)]);
  const customers: ProfileColumns[] = [];
  const times: ActivityTimes = new Map();
  const lastNps = new Map<number, { score: number; at: number }>();
  for (const part of parts) {
    const inList = part ? ` and customer_id in (${part.map(() => "?").join(", ")})` : "";
    const idList = part ? ` and id in (${part.map(() => "?").join(", ")})` : "";
    const p = part ?? [];
    customers.push(...(await scope.select<ProfileColumns>(`select ${PROFILE_COLUMNS} from customers where workspace_id = ?${idList}`, p)));
    for (const e of await scope.select<{ customer_id: number; type: string; at: string | number | Date }>(
      `select customer_id, type, occurred_at as at from interactions where workspace_id = ?${inList}
       union all select customer_id, 'purchase' as type, ordered_at as at from orders where workspace_id = ?${inList}`,
      [...p, scope.workspaceId, ...p],
    )) {
      addActivity(times, Number(e.customer_id), e.type, toMs(e.at));
    }
    await lastNpsOf(scope, part, lastNps);
  }
  const consent = await profileConsent(scope, customers.map((c) => Number(c.id)), now);
  const out = new Map<number, Profile>();
  for (const c of customers) {
    const id = Number(c.id);
    const byType = times.get(id) ?? new Map<string, number[]>();
    for (const list of byType.values()) list.sort((a, b) => a - b);
    out.set(id, profileFromColumns(c, historiesFrom(byType), lastNps.get(id)?.score, consent(id), consent.changesAt(id)));
  }
  // Plugins' traits (`<plugin>.<key>`), which their condition kinds read.
  await scope.plugins?.extendProfiles(scope, out, now);
  return out;
}
