import { expect } from "vitest";
import { engagementScore, engagementScoreAt, inferJourneyStages, type Interaction } from "@engagekit/core";

/** Runs SQL on the database under test (an ORM connection's `execute`). */
export type Execute = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

// SQLite stores epoch ms; PostgreSQL returns a Date or its text.
const at = (v: unknown) => (v instanceof Date ? v.getTime() : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v)));

/**
 * Checks that the saved per-customer state of every customer matching
 * `where` (SQL on `customers`) equals a full replay of its stored history
 * with the core: the saved stage is the replay up to the last interaction
 * and the column the replay up to now, the history by type is the
 * interactions plus the orders as purchases (counts, first and last, and the times the kept windows cover), and the score accumulator
 * agrees with scoring every event at once. Returns how many customers it checked.
 */
export async function expectSavedStateIsReplay(execute: Execute, where: string): Promise<number> {
  const customers = await execute<{ id: number; external_id: string; journey_stage: string | null; state: unknown }>(
    `select id, external_id, journey_stage, state from customers where ${where} order by id`,
  );
  for (const c of customers) {
    type Row = { idempotency_key: string; type: string; channel: string; touchpoint: string | null; occurred_at: unknown };
    const rows = await execute<Row>(`select idempotency_key, type, channel, touchpoint, occurred_at from interactions where customer_id = ? order by occurred_at, id`, [c.id]);
    const log: Interaction[] = rows.map((r) => ({ id: r.idempotency_key, customer: { kind: "customerId", value: String(c.id) }, timestamp: at(r.occurred_at), touchpoint: r.touchpoint ?? "(none)", channel: r.channel, type: r.type }));
    const orders = await execute<{ ordered_at: unknown }>(`select ordered_at from orders where customer_id = ?`, [c.id]);
    const doc = (typeof c.state === "string" ? JSON.parse(c.state) : c.state) as {
      stage: { stage: string; since: number };
      engagement: { acc: { asOf: number; buckets: { type: string; halfLife: number; value: number }[] } };
      history: Record<string, { count: number; first: number; last: number; times: number[] }>;
      kept: { any: number | null; byType: Record<string, number | null> };
    } | null;
    expect(doc, `saved state of ${c.external_id}`).not.toBeNull();
    if (!doc) continue;
    if (log.length > 0) {
      const replay = inferJourneyStages(log).get(`customerId:${c.id}`);
      expect([doc.stage.stage, doc.stage.since], `stage of ${c.external_id}`).toEqual([replay?.stage, replay?.since]);
      expect(c.journey_stage, `journey_stage of ${c.external_id}`).toBe(inferJourneyStages(log, undefined, { asOf: Date.now() }).get(`customerId:${c.id}`)?.stage);
    }
    const expected: Record<string, number[]> = {};
    for (const e of log) (expected[e.type] ??= []).push(e.timestamp);
    for (const o of orders) (expected.purchase ??= []).push(at(o.ordered_at));
    for (const list of Object.values(expected)) list.sort((a, b) => a - b);
    // History by type (saved state v2): count, first and last over the whole replay, and a suffix of the
    // replay's times holding at least those inside the window the document kept (as of the last fold, ≤ now).
    expect(Object.keys(doc.history).sort(), `history types of ${c.external_id}`).toEqual(Object.keys(expected).sort());
    for (const [type, times] of Object.entries(expected)) {
      const h = doc.history[type];
      expect([h?.count, h?.first, h?.last], `${type} count/first/last of ${c.external_id}`).toEqual([times.length, times[0], times[times.length - 1]]);
      const window = doc.kept.byType[type] === null ? Infinity : Math.max(doc.kept.byType[type] ?? 0, doc.kept.any ?? Infinity);
      expect(h?.times, `${type} times of ${c.external_id}`).toEqual(times.slice(times.length - (h?.times.length ?? 0)));
      expect(h?.times.length).toBeGreaterThanOrEqual(times.filter((t) => t > Date.now() - window).length);
    }
    // Any instant at or after the accumulator's own (the test data may run past 2025).
    const t = Math.max(Date.UTC(2025, 0, 1), doc.engagement.acc.asOf);
    expect(engagementScoreAt(doc.engagement.acc, t).score, `score of ${c.external_id}`).toBeCloseTo(engagementScore(log.map((e) => ({ type: e.type, channel: e.channel, at: e.timestamp })), t).score, 9);
  }
  return customers.length;
}
