import type { ConsentRecord } from "./ConsentRecord.js";
import type { ConsentState } from "./ConsentState.js";
import { foldConsent } from "./_internal/foldConsent.js";

/**
 * Folds a history of {@link ConsentRecord}s (any customers, any order) into
 * each customer's current {@link ConsentState} with the rule of
 * {@link applyConsent}: latest wins per purpose × channel key, ties broken
 * towards the more restrictive status, so the result does not depend on the
 * order of `records`.
 *
 * Pass `asOf` (epoch ms) to get the states at a past time (records with
 * `at > asOf` are skipped), e.g. to audit what a campaign sent on a given
 * day was allowed to do.
 *
 * Complexity: O(records) key updates.
 *
 * @throws {InputError} what {@link validateConsentRecord} throws, with the path `["records", i, field]`
 * @category Consent
 * @example
 * const states = consentLedger([
 *   { customerId: "c1", purpose: "marketing", status: "granted", at: 1, source: "form" },
 *   { customerId: "c1", purpose: "marketing", status: "withdrawn", at: 2, source: "unsubscribe_link" },
 * ]);
 * states.get("c1")?.entries.marketing?.status // => "withdrawn"
 */
export function consentLedger(records: readonly ConsentRecord[], asOf = Infinity): Map<string, ConsentState> {
  const out = new Map<string, ConsentState>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as ConsentRecord;
    const state = r !== null && typeof r === "object" && typeof r.customerId === "string" ? out.get(r.customerId) : undefined;
    const next = foldConsent("consentLedger", ["records", i], state, r);
    if (r.at > asOf) continue; // validated above, then skipped
    out.set(r.customerId, next);
  }
  return out;
}
