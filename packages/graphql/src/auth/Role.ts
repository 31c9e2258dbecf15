/**
 * What an API key may do in its workspace:
 * - `admin`: everything, including keys, models, segments, triggers, the
 *   contact policy, erasure and a customer's data export;
 * - `writer`: what `reader` may, plus ingestion (interactions, orders, survey
 *   answers, ticket events), consent, points and marking actions done;
 * - `reader`: every query except the admin ones (keys, data export);
 * - `analytics`: read-only, and never a personal field: `Customer.email` and
 *   `Customer.traits` answer null, interaction properties lose their personal
 *   keys (see personalFields.ts), and queries that answer free-form customer
 *   documents are refused.
 */
export type Role = "admin" | "writer" | "reader" | "analytics";

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = ["admin", "writer", "reader", "analytics"];

/** Narrows a string to a {@link Role}. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
