import DataLoader from "dataloader";
import { defaultHealthScoreConfig, healthScore, quantileSorted, ticketResponseTimes, type HealthMeasureValues, type TicketEvent } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { dialect } from "../../data/sqlDialect.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { toHealthType, type CustomerHealthType } from "./CustomerHealth.type.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Length of the two spend periods `purchaseTrend` compares. */
export const PURCHASE_TREND_DAYS = 90;

const inList = (ids: readonly number[]) => ids.map(() => "?").join(", ");

/**
 * The measures of the core's default health scorecard from what the database
 * holds, per customer, as of `asOf` (epoch ms; answers, ticket events and
 * orders after it are not read):
 * - engagementScore, pAlive: the stored columns, as last computed (null until then);
 * - lastNps: the latest NPS answer (0–10); lastCsat: the latest CSAT answer on a 1–5 scale (answers on other scales are left out);
 * - openTickets: tickets whose last event is not a resolution, medianResponseHours: median first response of the customer's tickets (the core's ticketResponseTimes);
 *   only in a workspace that records tickets at all (there a customer without tickets has 0 open; elsewhere the measure is absent, not a free green);
 * - purchaseTrend: (spend in the last {@link PURCHASE_TREND_DAYS} days − spend in the period before) / spend in the period before; null when the period before has no spend.
 * A measure without data is absent (the core leaves it out of the weights; never 0).
 */
export async function healthValues(scope: WorkspaceScope, ids: readonly number[], asOf: number): Promise<Map<number, HealthMeasureValues>> {
  const pg = dialect(scope.em) === "postgresql";
  const at = (ms: number) => (pg ? new Date(ms) : ms);
  const out = new Map<number, Record<string, number>>(ids.map((id) => [id, {}]));
  const set = (id: number, key: string, v: number | null) => {
    const values = out.get(id);
    if (values && v !== null && Number.isFinite(v)) values[key] = v;
  };
  const hasTickets = (await scope.select<{ one: number }>("select 1 as one from support_tickets where workspace_id = ? limit 1")).length > 0;
  for (const part of chunks(ids)) {
    for (const r of await scope.select<{ id: number; engagement_score: number | null; p_alive: number | null }>(
      `select id, engagement_score, p_alive from customers where workspace_id = ? and id in (${inList(part)})`,
      part,
    )) {
      set(Number(r.id), "engagementScore", r.engagement_score === null ? null : Number(r.engagement_score));
      set(Number(r.id), "pAlive", r.p_alive === null ? null : Number(r.p_alive));
    }
    for (const [kind, scale, key] of [["NPS", "scale_min = 0 and scale_max = 10", "lastNps"], ["CSAT", "scale_min = 1 and scale_max = 5", "lastCsat"]] as const) {
      const last = new Map<number, { score: number; at: number }>();
      for (const r of await scope.select<{ customer_id: number; score: number; at: SqlDate }>(
        `select customer_id, score, responded_at as at from survey_responses
         where workspace_id = ? and kind = '${kind}' and ${scale} and score is not null and customer_id in (${inList(part)}) and responded_at <= ?`,
        [...part, at(asOf)],
      )) {
        const id = Number(r.customer_id);
        const seen = last.get(id);
        if (!seen || toMs(r.at) >= seen.at) last.set(id, { score: Number(r.score), at: toMs(r.at) });
      }
      for (const [id, a] of last) set(id, key, a.score);
    }
    const events = new Map<number, TicketEvent[]>();
    if (hasTickets) for (const r of await scope.select<{ customer_id: number; ticket_id: number; type: string; occurred_at: SqlDate }>(
      `select t.customer_id, e.ticket_id, e.type, e.occurred_at from ticket_events e join support_tickets t on t.id = e.ticket_id
       where e.workspace_id = ? and t.customer_id in (${inList(part)}) and e.occurred_at <= ? order by e.ticket_id, e.occurred_at, e.id`,
      [...part, at(asOf)],
    )) {
      const id = Number(r.customer_id);
      const list = events.get(id) ?? [];
      list.push({ ticketId: String(r.ticket_id), type: r.type as TicketEvent["type"], at: toMs(r.occurred_at) });
      events.set(id, list);
    }
    for (const id of hasTickets ? part : []) {
      const list = events.get(id);
      if (!list) {
        set(id, "openTickets", 0);
        continue;
      }
      const times = ticketResponseTimes(list);
      set(id, "openTickets", times.tickets - times.resolution.length);
      if (times.firstResponse.length > 0) set(id, "medianResponseHours", quantileSorted([...times.firstResponse].sort((a, b) => a - b), 0.5) / HOUR);
    }
    const spend = async (from: number, to: number) => {
      const sums = new Map<number, number>();
      for (const r of await scope.select<{ customer_id: number; cents: number | string }>(
        `select customer_id, sum(amount_cents) as cents from orders
         where workspace_id = ? and customer_id in (${inList(part)}) and ordered_at > ? and ordered_at <= ? group by customer_id`,
        [...part, at(from), at(to)],
      )) sums.set(Number(r.customer_id), Number(r.cents));
      return sums;
    };
    const windowMs = PURCHASE_TREND_DAYS * DAY;
    const recent = await spend(asOf - windowMs, asOf);
    const prior = await spend(asOf - 2 * windowMs, asOf - windowMs);
    for (const id of part) {
      const before = prior.get(id) ?? 0;
      if (before > 0) set(id, "purchaseTrend", ((recent.get(id) ?? 0) - before) / before);
    }
  }
  return out;
}

/** How many earlier periods of what length the health trend looks back over. */
export interface HealthTrendWindow {
  readonly periods: number;
  readonly periodDays: number;
}

/**
 * One loader per `asOf` and trend window: the core's health score of each
 * requested customer (default scorecard), with its trend over `periods`
 * earlier periods. Each earlier score reads the answers, ticket events and
 * orders up to that period's end; engagement score and P(alive) are stored
 * only as last computed, so every period uses their current value (what moves
 * the trend is feedback, tickets and spend).
 */
export function customerHealthLoader(scope: WorkspaceScope, asOf: number, trend: HealthTrendWindow = { periods: 0, periodDays: 30 }): DataLoader<number, CustomerHealthType> {
  return new DataLoader<number, CustomerHealthType>(async (ids) => {
    const values = await healthValues(scope, ids, asOf);
    const earlier: Map<number, HealthMeasureValues>[] = [];
    // Oldest first, as healthScore reads its history.
    for (let k = trend.periods; k >= 1; k--) earlier.push(await healthValues(scope, ids, asOf - k * trend.periodDays * DAY));
    return ids.map((id) => toHealthType(healthScore(values.get(id) ?? {}, defaultHealthScoreConfig, earlier.map((m) => m.get(id) ?? {}))));
  });
}
