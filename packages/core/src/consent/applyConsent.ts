import type { ConsentRecord } from "./ConsentRecord.js";
import type { ConsentState } from "./ConsentState.js";
import { foldConsent } from "./_internal/foldConsent.js";

/**
 * Folds one {@link ConsentRecord} into a customer's {@link ConsentState}
 * (returns a new state; the input is not changed).
 *
 * Rule (latest wins per key): the state keeps, for each key `purpose` or
 * `purpose:channel`, the record that supersedes every other one seen for that
 * key — the newest `at`; at equal `at` the most restrictive status
 * (withdrawn > denied > granted), then the greater `source`, then the earlier
 * `expiresAt`. This is a total order, so the fold is commutative: records may
 * arrive late or out of order and the state equals the fold of the sorted
 * history (no replay needed). How a purpose-wide entry and a channel entry
 * combine is decided at read time by {@link isAllowed} (the newer wins).
 *
 * @param state - the customer's state, or undefined for none yet
 * @throws {InputError} what {@link validateConsentRecord} throws (paths under `["record"]`);
 *   `JOURNEY.INVALID_FIELD` at `["record", "customerId"]` when the record belongs to another customer
 * @category Consent
 * @example
 * const s = applyConsent(undefined, { customerId: "c1", purpose: "marketing", channel: "email", status: "granted", at: 1, source: "form" });
 * s.entries["marketing:email"]?.status // => "granted"
 */
export function applyConsent(state: ConsentState | undefined, record: ConsentRecord): ConsentState {
  return foldConsent("applyConsent", ["record"], state, record);
}
