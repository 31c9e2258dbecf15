import type { ConsentRecord } from "./ConsentRecord.js";

/**
 * The instants after `now` at which a customer's consent may change without
 * a new event: every record dated after `now` (a future-dated grant or
 * refusal takes effect) and every grant's `expiresAt` after `now` (it
 * lapses), ascending, without repeats. A superset of the instants where
 * {@link isAllowed} changes its answer, so re-checking at each of them never
 * misses a change; feed it to `Profile.consentChangesAt` so segments' consent
 * condition schedules its re-check.
 *
 * @param records - one customer's consent history (any order)
 * @param now - epoch ms
 * @category Consent
 * @example
 * consentChangeTimes([{ customerId: "c1", purpose: "marketing", status: "granted", at: 0, source: "form", expiresAt: 500 }, { customerId: "c1", purpose: "analytics", status: "granted", at: 900, source: "form" }], 100)
 * // => [500, 900]
 */
export function consentChangeTimes(records: Iterable<ConsentRecord>, now: number): number[] {
  const times = new Set<number>();
  for (const r of records) {
    if (r.at > now) times.add(r.at);
    if (r.status === "granted" && r.expiresAt !== undefined && r.expiresAt > now) times.add(r.expiresAt);
  }
  return [...times].sort((a, b) => a - b);
}
