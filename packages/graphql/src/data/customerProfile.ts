import { rfmSegment, type InteractionHistory, type LadderTier, type Profile, type ProfileValues, type TraitValue } from "@engagekit/core";
import type { WorkspaceScope } from "./WorkspaceScope.js";
import { toMs } from "./sqlDate.js";

/** The columns of `customers` a segment profile reads. */
export interface ProfileColumns {
  id: number;
  traits: string | Record<string, unknown> | null;
  ladder_tier: string | null;
  rfm_score: string | null;
  predicted_clv: number | null;
  p_alive: number | null;
  engagement_score: number | null;
}

/** {@link ProfileColumns} as a select list. */
export const PROFILE_COLUMNS = "id, traits, ladder_tier, rfm_score, predicted_clv, p_alive, engagement_score";

/** Activity times per customer and type, as they are gathered. */
export type ActivityTimes = Map<number, Map<string, number[]>>;

/** Records one activity at `at` (epoch ms) in `into`. */
export function addActivity(into: ActivityTimes, id: number, type: string, at: number): void {
  let byType = into.get(id);
  if (!byType) into.set(id, (byType = new Map()));
  const times = byType.get(type);
  if (times) times.push(at);
  else byType.set(type, [at]);
}

/** A profile's interaction histories from ascending activity times by type (types without times are left out). */
export function historiesFrom(byType: Iterable<readonly [string, readonly number[]]>): Record<string, InteractionHistory> {
  const out: Record<string, InteractionHistory> = {};
  for (const [type, times] of byType) {
    if (times.length === 0) continue;
    out[type] = { count: times.length, first: times[0] as number, last: times[times.length - 1] as number, times };
  }
  return out;
}

/** The latest NPS answer of each customer in `part` (every customer of the workspace when null). */
export async function lastNpsOf(scope: WorkspaceScope, part: readonly number[] | null, into = new Map<number, { score: number; at: number }>()): Promise<Map<number, { score: number; at: number }>> {
  const inList = part ? ` and customer_id in (${part.map(() => "?").join(", ")})` : "";
  for (const a of await scope.select<{ customer_id: number; score: number; at: string | number | Date }>(
    `select customer_id, score, responded_at as at from survey_responses
     where workspace_id = ? and kind = 'NPS' and score is not null and customer_id is not null${inList}`,
    part ?? [],
  )) {
    const id = Number(a.customer_id);
    const at = toMs(a.at);
    const seen = into.get(id);
    if (!seen || at >= seen.at) into.set(id, { score: Number(a.score), at });
  }
  return into;
}

/**
 * The core's segment {@link Profile} of a customer row: traits, stored
 * values (RFM, CLV, P(alive), engagement score, the last NPS answer), the
 * ladder tier, the interaction histories the caller built, and the consent
 * map segments' `consent` condition reads (the core's consentFlags, see
 * `profileConsent` in the consent module; left out when not given) with the
 * instants it changes by itself (`consentChangesAt`, for the re-check time).
 */
export function profileFromColumns(
  row: ProfileColumns,
  interactions: Record<string, InteractionHistory>,
  lastNps: number | undefined,
  consent?: Readonly<Record<string, boolean>>,
  consentChangesAt?: readonly number[],
): Profile {
  const values: { -readonly [K in keyof ProfileValues]: ProfileValues[K] } = {};
  if (row.rfm_score && /^[1-5]{3}$/.test(row.rfm_score)) {
    const [r, f, m] = [...row.rfm_score].map(Number) as [number, number, number];
    values.rfm = { r, f, m, segment: rfmSegment(r, f, m) };
  }
  if (row.predicted_clv !== null) values.clv = Number(row.predicted_clv);
  if (row.p_alive !== null) values.pAlive = Number(row.p_alive);
  if (row.engagement_score !== null) values.engagementScore = Number(row.engagement_score);
  if (lastNps !== undefined) values.lastNps = lastNps;
  const traits = (typeof row.traits === "string" ? JSON.parse(row.traits) : (row.traits ?? {})) as Record<string, TraitValue>;
  const id = Number(row.id);
  return { id: String(id), traits, interactions, values, ...(row.ladder_tier ? { tier: row.ladder_tier as LadderTier } : {}), ...(consent ? { consent } : {}), ...(consentChangesAt && consentChangesAt.length > 0 ? { consentChangesAt } : {}) };
}
