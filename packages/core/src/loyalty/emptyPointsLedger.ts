import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import type { PointsLedger } from "./PointsLedger.js";

/**
 * A new, empty {@link PointsLedger} for a customer: no lots, no history, a balance of 0
 * (a real zero: the customer holds no points, nothing is being estimated).
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` at `["customerId"]` when the id is not a non-empty string
 * @category Loyalty
 * @example
 * emptyPointsLedger("c1") // => { customerId: "c1", lots: [], history: [] }
 */
export function emptyPointsLedger(customerId: string): PointsLedger {
  if (typeof customerId !== "string" || customerId.length === 0) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `emptyPointsLedger requires a non-empty customer id, got ${describe(customerId)}`, ["customerId"], customerId);
  }
  return { customerId, lots: [], history: [] };
}
