// Fills the demo workspace with what the seed leaves out and the charts need, through the
// public GraphQL API only (the same mutations an integrator would send): OTTO's real shop
// sessions as interactions for the funnel, RFM segments, predicted values and stored
// engagement-model assignments for the effectiveness chart. Every step is idempotent.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A GraphQL call against the running server; throws on any error. */
export type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A GraphQL client on plain fetch. */
export function graphqlClient(url: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || body.data === undefined) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${res.status}`}`);
    return body.data;
  };
}

/** The end of CDNOW's calibration period (Fader, Hardie & Lee 2005); the dashboard reads the holdout after it. */
export const CALIBRATION_END = "1997-09-30T00:00:00Z";

/** The eleven named RFM segments of the core's default grid, each stored as a segment. */
export const RFM_SEGMENTS = ["Champions", "Loyal", "Potential Loyalist", "New", "Promising", "Need Attention", "About to Sleep", "At Risk", "Cannot Lose Them", "Hibernating", "Lost"] as const;
export const rfmSegmentKey = (name: string) => `rfm_${name.toLowerCase().replace(/ /g, "_")}`;

/** OTTO's event types as interactions at the touchpoints of the OTTO journey map. */
const OTTO_EVENTS: Record<string, { type: string; touchpoint: string }> = {
  clicks: { type: "page_view", touchpoint: "otto_product_page" },
  carts: { type: "add_to_cart", touchpoint: "otto_cart" },
  orders: { type: "purchase", touchpoint: "otto_checkout" },
};

const ottoJourneyMap = {
  version: 1,
  id: "otto-shop",
  name: "OTTO web shop (real sessions, OTTO recsys sample)",
  stages: [
    { id: "consideration", name: "Consideration", next: ["conversion"] },
    { id: "conversion", name: "Conversion", next: [] },
  ],
  personas: [],
  channels: [],
  touchpoints: [
    { id: "otto_product_page", name: "Product page", channel: "web", stages: ["consideration"], ownership: "owned", emits: ["page_view"] },
    { id: "otto_cart", name: "Cart", channel: "web", stages: ["conversion"], ownership: "owned", emits: ["add_to_cart"] },
    { id: "otto_checkout", name: "Checkout", channel: "web", stages: ["conversion"], ownership: "owned", emits: ["purchase"] },
  ],
  cells: [],
};

/** OTTO's 862 events of 20 sessions (datasets/otto_sessions_sample), a session as customer `otto-<session>`. */
function ottoInteractions(demoDataDir: string) {
  const lines = readFileSync(join(demoDataDir, "otto_sessions_sample/otto_train_sample_events.csv"), "utf8").trim().split("\n").slice(1);
  return lines.map((line, i) => {
    const [session, aid, ts, kind] = line.split(",");
    const event = OTTO_EVENTS[kind ?? ""];
    if (!event || session === undefined || ts === undefined) throw new Error(`otto_train_sample_events.csv line ${i + 2}: cannot read ${line}`);
    // Row number in the key: OTTO gives all items of one order the same ts and aid may repeat.
    return { idempotencyKey: `otto-${i + 2}`, customer: { externalId: `otto-${session}` }, channel: "web", ...event, occurredAt: new Date(Number(ts)).toISOString(), properties: { aid: Number(aid) } };
  });
}

/**
 * Brings the demo workspace to what the dashboard draws. Every step is idempotent; the value
 * fit, segments and assignments are skipped when the assignments are already stored (a
 * restart), since fitting the value models again costs seconds.
 */
export async function prepareDemo(gql: Gql, demoDataDir: string): Promise<void> {
  // The oldest customer (cdnow-0001) has a stored model once the assignment ran.
  const first = await gql<{ customers: { edges: { node: { engagementModel: { version: number } | null } }[] } }>(`{ customers(first: 1) { edges { node { engagementModel { version } } } } }`);
  if (!first.customers.edges[0]?.node.engagementModel) await valuesSegmentsAndModels(gql);
  // The OTTO sessions come after the assignments, so their 20 customers (no orders) get no
  // model and stay out of the CDNOW effectiveness figures.
  await gql(`mutation($document: JSONObject!) { saveJourneyMap(document: $document) { key } }`, { document: ottoJourneyMap });
  await gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created duplicates } }`, { input: ottoInteractions(demoDataDir) });
}

async function valuesSegmentsAndModels(gql: Gql): Promise<void> {
  // P(alive), predicted CLV and RFM cells as of the calibration end (operation 5-refresh-values).
  await gql(`mutation($asOf: DateTime!) { refreshCustomerValues(input: { asOf: $asOf, horizonMonths: 12 }) { customers } }`, { asOf: CALIBRATION_END });
  const existing = await gql<{ segments: { edges: { node: { key: string } }[] } }>(`{ segments(first: 100) { edges { node { key } } } }`);
  const have = new Set(existing.segments.edges.map((e) => e.node.key));
  for (const name of RFM_SEGMENTS) {
    if (have.has(rfmSegmentKey(name))) continue;
    await gql(`mutation($input: SegmentInput!) { createSegment(input: $input) { key } }`, {
      input: { key: rfmSegmentKey(name), name: `RFM: ${name}`, description: "The core's default RFM grid, as of the last value refresh.", condition: { type: "rfmSegment", segments: [name] } },
    });
  }
  // The hybrid strategy of operation 8-assign-engagement-models, stored as of the calibration end.
  await gql(
    `mutation($asOf: DateTime!) {
      setEngagementStrategy(input: { rules: [{ segment: "*", models: ["csm", "hybrid"] }], fallback: "automated_retention", capacities: [{ model: "csm", capacity: 25 }, { model: "hybrid", capacity: 200 }] }) { fallback }
      assignEngagementModels(asOf: $asOf) { customers }
    }`,
    { asOf: CALIBRATION_END },
  );
}
