import { expect } from "vitest";
import type { Execute } from "./stateReplay.js";

/** A deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One ingestion request of the load: its mutation and items (keys fixed, so a retry sends the same keys). */
export interface LoadBatch {
  readonly id: number;
  readonly kind: "interactions" | "orders";
  readonly keys: readonly string[];
  readonly body: string;
}

const MUTATION = {
  interactions: `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { received created duplicates } }`,
  orders: `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { received created duplicates } }`,
};
const TYPES = ["page_view", "product_view", "add_to_cart", "purchase", "review_posted", "email_open"];

/**
 * The n-th batch of a seeded load on `customers` customers named
 * `<prefix>-c<i>`: mostly interactions (20–80 of them, on a random subset of
 * customers), one in six orders; about one interaction batch in eight is
 * dated before the others (late events: those customers' saved state is
 * rebuilt from the history).
 */
export function loadBatch(random: () => number, prefix: string, id: number, customers: number): LoadBatch {
  const size = 20 + Math.floor(random() * 60);
  const customer = () => ({ externalId: `${prefix}-c${Math.floor(random() * customers)}` });
  const base = Date.UTC(2025, 0, 1) + id * 3_600_000;
  if (id % 6 === 5) {
    const keys = Array.from({ length: Math.ceil(size / 8) }, (_, i) => `${prefix}-o${id}-${i}`);
    const input = keys.map((externalId, i) => ({ externalId, customer: customer(), orderedAt: new Date(base + i * 1000).toISOString(), amount: Math.round(random() * 10_000) / 100 }));
    return { id, kind: "orders", keys, body: JSON.stringify({ query: MUTATION.orders, variables: { input } }) };
  }
  const late = random() < 0.125;
  const keys = Array.from({ length: size }, (_, i) => `${prefix}-b${id}-${i}`);
  const input = keys.map((idempotencyKey, i) => ({
    idempotencyKey,
    customer: customer(),
    type: TYPES[Math.floor(random() * TYPES.length)] as string,
    channel: random() < 0.5 ? "web" : "email",
    occurredAt: new Date(late ? base - 40 * 86_400_000 + i * 1000 : base + i * 1000).toISOString(),
  }));
  return { id, kind: "interactions", keys, body: JSON.stringify({ query: MUTATION.interactions, variables: { input } }) };
}

/** What the server answered for a batch it acknowledged. */
export interface Ack {
  readonly batch: LoadBatch;
  readonly created: number;
  readonly duplicates: number;
}

/**
 * Sends one batch. Resolves to its acknowledgement, to `null` when the
 * connection failed (the server died: not acknowledged, to be retried with
 * the same keys), and throws on any GraphQL or HTTP error (a real failure).
 */
export async function send(url: string, batch: LoadBatch): Promise<Ack | null> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: batch.body, signal: AbortSignal.timeout(30_000) });
    text = await res.text();
  } catch {
    return null;
  }
  const json = JSON.parse(text) as { data?: Record<string, { received: number; created: number; duplicates: number }>; errors?: unknown[] };
  if (res.status !== 200 || json.errors) throw new Error(`batch ${batch.id}: HTTP ${res.status} ${text.slice(0, 500)}`);
  const payload = Object.values(json.data ?? {})[0];
  if (!payload || payload.received !== batch.keys.length) throw new Error(`batch ${batch.id}: unexpected payload ${text.slice(0, 500)}`);
  return { batch, created: payload.created, duplicates: payload.duplicates };
}

/**
 * After the load: every key of every batch is stored exactly once and every
 * acknowledged key is there. With `exactCreated` (no crash: every commit was
 * answered), the servers' `created` counts add up to the rows exactly, so an
 * item counted as created by two servers would show; after crashes a commit
 * whose answer was lost is reported as duplicates on its retry, so the sum
 * may only fall short.
 */
export async function expectEachItemOnce(
  execute: Execute,
  prefix: string,
  batches: readonly LoadBatch[],
  acks: readonly Ack[],
  exactCreated: boolean,
): Promise<{ interactions: number; orders: number }> {
  const stored = {
    interactions: await execute<{ k: string; n: number | string }>(`select idempotency_key as k, count(*) as n from interactions where idempotency_key like ? group by idempotency_key`, [`${prefix}-%`]),
    orders: await execute<{ k: string; n: number | string }>(`select external_id as k, count(*) as n from orders where external_id like ? group by external_id`, [`${prefix}-%`]),
  };
  for (const kind of ["interactions", "orders"] as const) {
    const keys = new Set(stored[kind].map((r) => r.k));
    expect(stored[kind].filter((r) => Number(r.n) !== 1), `${kind} stored more than once`).toEqual([]);
    const expected = batches.filter((b) => b.kind === kind).flatMap((b) => b.keys);
    expect(keys.size, `${kind}: stored vs sent`).toBe(new Set(expected).size);
    const acked = acks.filter((a) => a.batch.kind === kind).flatMap((a) => a.batch.keys);
    expect(acked.filter((k) => !keys.has(k)), `acknowledged ${kind} missing`).toEqual([]);
    const created = acks.filter((a) => a.batch.kind === kind).reduce((s, a) => s + a.created, 0);
    if (exactCreated) expect(created, `${kind}: sum of created over acknowledgements`).toBe(keys.size);
    else expect(created, `${kind}: sum of created over acknowledgements`).toBeLessThanOrEqual(keys.size);
  }
  return { interactions: stored.interactions.length, orders: stored.orders.length };
}
