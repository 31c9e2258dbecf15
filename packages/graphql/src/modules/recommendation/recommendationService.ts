import { ErrorCodes, InputError, itemCooccurrence, recommendItems, type ConsentState, type CooccurrenceModel } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { ConsentDecisionType } from "../consent/Consent.type.js";
import { ItemRecommendationType, RecommendationsType } from "./Recommendation.type.js";

/** Largest `first` of recommendations. */
export const MAX_RECOMMENDATIONS = 100;

/** The item ids of one interaction's properties: `item` (a string) and/or `items` (strings). */
function itemsOf(properties: unknown): string[] {
  const p = (typeof properties === "string" ? JSON.parse(properties) : properties) as Record<string, unknown> | null;
  if (p === null || typeof p !== "object") return [];
  const out: string[] = [];
  if (typeof p.item === "string" && p.item !== "") out.push(p.item);
  if (Array.isArray(p.items)) for (const x of p.items) if (typeof x === "string" && x !== "") out.push(x);
  return out;
}

/** The workspace's baskets and the co-occurrence model counted over them. */
export interface WorkspaceBaskets {
  /** Per customer id: distinct items, most recently bought first. */
  readonly byCustomer: ReadonlyMap<number, readonly string[]>;
  readonly model: CooccurrenceModel;
}

/**
 * One basket per customer: the distinct items of their `purchase`
 * interactions (properties.item / properties.items), newest first; the core's
 * itemCooccurrence over them. Reads the workspace's purchase interactions
 * (the (workspace, type, occurred_at) index) on each call.
 */
export async function workspaceBaskets(scope: WorkspaceScope): Promise<WorkspaceBaskets> {
  const rows = await scope.select<{ customer_id: number; properties: unknown }>(
    "select customer_id, properties from interactions where workspace_id = ? and type = 'purchase' and properties is not null order by occurred_at desc, id desc",
  );
  const byCustomer = new Map<number, string[]>();
  for (const r of rows) {
    const items = itemsOf(r.properties);
    if (items.length === 0) continue;
    const id = Number(r.customer_id);
    const list = byCustomer.get(id) ?? [];
    for (const item of items) if (!list.includes(item)) list.push(item);
    byCustomer.set(id, list);
  }
  return { byCustomer, model: itemCooccurrence([...byCustomer.values()]) };
}

/**
 * The core's recommendItems for one customer at `now`, consent-aware: with
 * personalization consent, co-occurrence with the customer's items; without,
 * the non-personal top sellers with the consent reason. Null for a customer
 * not in the workspace.
 */
export async function recommendFor(
  scope: WorkspaceScope,
  customerId: number,
  first: number,
  now: number,
  consentOf: (id: number) => Promise<ConsentState | undefined>,
): Promise<RecommendationsType | null> {
  if (!(Number.isInteger(first) && first >= 1 && first <= MAX_RECOMMENDATIONS)) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `recommendations requires first in 1–${MAX_RECOMMENDATIONS}, got ${first}`, ["first"], first);
  }
  const found = await scope.select<{ id: number }>("select id from customers where workspace_id = ? and id = ?", [customerId]);
  if (found.length === 0) return null;
  const [baskets, consent] = await Promise.all([workspaceBaskets(scope), consentOf(customerId)]);
  const r = recommendItems(baskets.model, { purchased: baskets.byCustomer.get(customerId) ?? [], consent }, now, { limit: first });
  return Object.assign(new RecommendationsType(), {
    customerId: String(customerId),
    personalized: r.personalized,
    consent: Object.assign(new ConsentDecisionType(), { purpose: "personalization", channel: null, allowed: r.consent.allowed, rule: r.consent.rule, reason: r.consent.reason, key: r.consent.key ?? null }),
    items: r.items.map((x) => Object.assign(new ItemRecommendationType(), { item: x.item, score: x.score, basis: x.basis, reason: x.reason, seed: x.seed ?? null, support: x.support })),
    baskets: baskets.model.baskets,
  });
}
