import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";
import type { Referral } from "./Referral.js";

/** What a new referral needs. */
export interface ReferralInput {
  readonly id: string;
  readonly referrerId: string;
  readonly refereeId: string;
  readonly at: number;
}

/**
 * A new, pending {@link Referral}. A customer cannot refer themselves; whether
 * the referee is new (has never bought) is the caller's check, since only the
 * caller knows the referee's history.
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for an empty id, referrer or referee, or a referee equal to the referrer;
 *   `METRIC.NOT_FINITE` for a bad time
 * @category Loyalty
 * @example
 * createReferral({ id: "ref-1", referrerId: "alice", refereeId: "bob", at: 0 }).status // => "pending"
 */
export function createReferral(input: ReferralInput): Referral {
  const fn = "createReferral";
  for (const field of ["id", "referrerId", "refereeId"] as const) {
    const v = input[field];
    if (typeof v !== "string" || v.length === 0) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty ${field}, got ${describe(v)}`, [field], v);
  }
  if (input.referrerId === input.refereeId) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a referee other than the referrer, got ${JSON.stringify(input.refereeId)} for both`, ["refereeId"], input.refereeId);
  }
  assertFinite(fn, input.at, ["at"]);
  return { id: input.id, referrerId: input.referrerId, refereeId: input.refereeId, createdAt: input.at, status: "pending" };
}
