import { rfmSegment, type Interaction, type InteractionHistory, type LadderTier, type Profile, type ProfileValues, type TraitValue } from "@engagekit/core";
import type { WorkspaceScope } from "./WorkspaceScope.js";
import { toMs } from "./sqlDate.js";

interface CustomerStateRow {
  id: number;
  traits: string | Record<string, unknown> | null;
  ladder_tier: string | null;
  rfm_score: string | null;
  predicted_clv: number | null;
  p_alive: number | null;
  engagement_score: number | null;
}


/** Chunks of ids small enough for any driver's parameter limit. */
function chunks(ids: readonly number[], size = 500): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

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
  const parts = ids === "all" ? [null] : chunks([...new Set(ids)]);
  const customers: CustomerStateRow[] = [];
  const events: { customer_id: number; type: string; at: string | number | Date }[] = [];
  const nps: { customer_id: number; score: number; at: string | number | Date }[] = [];
  for (const part of parts) {
    const inList = part ? ` and customer_id in (${part.map(() => "?").join(", ")})` : "";
    const idList = part ? ` and id in (${part.map(() => "?").join(", ")})` : "";
    const p = part ?? [];
    customers.push(
      ...(await scope.select<CustomerStateRow>(
        `select id, traits, ladder_tier, rfm_score, predicted_clv, p_alive, engagement_score from customers where workspace_id = ?${idList}`,
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
    nps.push(
      ...(await scope.select<{ customer_id: number; score: number; at: string | number | Date }>(
        `select customer_id, score, responded_at as at from survey_responses
         where workspace_id = ? and kind = 'NPS' and score is not null and customer_id is not null${inList}`,
        p,
      )),
    );
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
  const lastNps = new Map<number, { score: number; at: number }>();
  for (const a of nps) {
    const id = Number(a.customer_id);
    const at = toMs(a.at);
    const seen = lastNps.get(id);
    if (!seen || at >= seen.at) lastNps.set(id, { score: Number(a.score), at });
  }
  const out = new Map<number, Profile>();
  for (const c of customers) {
    const id = Number(c.id);
    const interactions: Record<string, InteractionHistory> = {};
    for (const [type, times] of histories.get(id) ?? []) {
      times.sort((a, b) => a - b);
      interactions[type] = { count: times.length, first: times[0] as number, last: times[times.length - 1] as number, times };
    }
    const values: { -readonly [K in keyof ProfileValues]: ProfileValues[K] } = {};
    if (c.rfm_score && /^[1-5]{3}$/.test(c.rfm_score)) {
      const [r, f, m] = [...c.rfm_score].map(Number) as [number, number, number];
      values.rfm = { r, f, m, segment: rfmSegment(r, f, m) };
    }
    if (c.predicted_clv !== null) values.clv = Number(c.predicted_clv);
    if (c.p_alive !== null) values.pAlive = Number(c.p_alive);
    if (c.engagement_score !== null) values.engagementScore = Number(c.engagement_score);
    const last = lastNps.get(id);
    if (last) values.lastNps = last.score;
    const traits = (typeof c.traits === "string" ? JSON.parse(c.traits) : (c.traits ?? {})) as Record<string, TraitValue>;
    out.set(id, {
      id: String(id),
      traits,
      interactions,
      values,
      ...(c.ladder_tier ? { tier: c.ladder_tier as LadderTier } : {}),
    });
  }
  return out;
}
