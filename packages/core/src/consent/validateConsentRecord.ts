import type { InputPath } from "../errors/InputError.js";
import type { ConsentRecord } from "./ConsentRecord.js";
import { checkConsentRecord } from "./_internal/checkConsentRecord.js";

/**
 * Checks one {@link ConsentRecord} from untrusted input (a form post, an
 * import row) and returns it typed: a non-empty `customerId` and `source`, a
 * known purpose and status, a non-empty channel when present, finite `at`
 * and `expiresAt` with `expiresAt > at`.
 *
 * Channel ids are not checked against a registry here (consent may be
 * recorded for a channel before it is used); triggers and policies check theirs.
 *
 * @param path - where the record sits in the caller's input (prefix of error paths)
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for a missing or malformed field (path names it);
 *   `METRIC.NOT_FINITE` for a non-finite time; `METRIC.OUT_OF_RANGE` when `expiresAt ≤ at`
 * @category Consent
 * @example
 * validateConsentRecord({ customerId: "c1", purpose: "marketing", status: "granted", at: 0, source: "form" }).purpose // => "marketing"
 * validateConsentRecord({ customerId: "c1", purpose: "ads", status: "granted", at: 0, source: "form" }) // throws JOURNEY.INVALID_FIELD at ["purpose"]
 */
export function validateConsentRecord(input: unknown, path: InputPath = []): ConsentRecord {
  return checkConsentRecord("validateConsentRecord", input, path);
}
