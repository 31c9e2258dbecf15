import { engagementLadder, engagementScore, inferJourneyStages, type Interaction, type LadderTier, type Profile } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { loadProfiles } from "../../data/loadProfiles.js";
import { updateColumns } from "../../data/updateColumns.js";
import { loadInteractions } from "../journey/loadInteractions.js";

/** A customer's journey stage or ladder rung moved. */
export interface StateChange {
  readonly customerId: number;
  readonly kind: "journeyStage" | "ladderTier";
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string;
}

const ladder = engagementLadder();

/**
 * Recomputes, with the core, the journey stage (`inferJourneyStages`, default
 * rules, lapses evaluated up to `now`), the engagement-ladder rung
 * (`engagementLadder`, one edge at a time, demotions included) and the
 * time-decayed engagement score of the given customers, writes them, and
 * returns the stage and rung changes with their reasons.
 */
export async function refreshCustomerState(
  scope: WorkspaceScope,
  ids: readonly number[],
  now = Date.now(),
  /** Profiles already loaded by the caller; updated in place with the new tier and score. */
  loaded?: Map<number, Profile>,
  /** These customers' interactions, when the caller already read them. */
  given?: readonly Interaction[],
): Promise<StateChange[]> {
  if (ids.length === 0) return [];
  const stored = new Map<number, { stage: string | null; tier: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await scope.select<{ id: number; journey_stage: string | null; ladder_tier: string | null }>(
      `select id, journey_stage, ladder_tier from customers where workspace_id = ? and id in (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) stored.set(Number(r.id), { stage: r.journey_stage, tier: r.ladder_tier });
  }
  const interactions = given ?? (await loadInteractions(scope, { customers: ids }));
  // Customers with orders or answers but no interactions keep their stage.
  const stages = interactions.length === 0 ? new Map() : inferJourneyStages(interactions, undefined, { asOf: now, customerKey: (i) => i.customer.value });
  const events = new Map<number, { type: string; channel: string; at: number }[]>();
  for (const i of interactions) {
    const id = Number(i.customer.value);
    const list = events.get(id) ?? [];
    list.push({ type: i.type, channel: i.channel, at: i.timestamp });
    events.set(id, list);
  }
  const profiles = loaded ?? (await loadProfiles(scope, ids));
  const changes: StateChange[] = [];
  const updates: { id: number; stage: string | null; tier: string; score: number }[] = [];
  for (const id of ids) {
    const before = stored.get(id) ?? { stage: null, tier: null };
    const history = stages.get(String(id));
    const stage = history?.stage ?? before.stage;
    if (stage !== before.stage) {
      const last = history?.transitions[history.transitions.length - 1];
      changes.push({ customerId: id, kind: "journeyStage", from: before.stage, to: stage, reason: last?.reason ?? "" });
    }
    const profile = profiles.get(id);
    let tier = (before.tier ?? "passive") as LadderTier;
    if (profile) {
      const moved = ladder.update(before.tier ? { tier: before.tier as LadderTier, since: now } : undefined, profile, now);
      tier = moved.state.tier;
      for (const t of moved.transitions) changes.push({ customerId: id, kind: "ladderTier", from: t.from, to: t.to, reason: `${t.direction}: ${t.reason}` });
    }
    const score = engagementScore(events.get(id) ?? [], now).score;
    updates.push({ id, stage, tier, score });
    if (profile) profiles.set(id, { ...profile, tier, values: { ...profile.values, engagementScore: score } });
  }
  await updateColumns(
    scope,
    "customers",
    { journey_stage: "varchar(32)", ladder_tier: "varchar(32)", engagement_score: "double precision" },
    updates.map((u) => ({ id: u.id, values: { journey_stage: u.stage, ladder_tier: u.tier, engagement_score: u.score } })),
  );
  return changes;
}
