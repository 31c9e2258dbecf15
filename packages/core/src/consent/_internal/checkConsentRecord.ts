import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import { assertFinite, describe } from "../../_internal/assert.js";
import { consentPurposes, consentStatuses, type ConsentRecord } from "../ConsentRecord.js";

const purposes: ReadonlySet<string> = new Set(consentPurposes);
const statuses: ReadonlySet<string> = new Set(consentStatuses);

/** validateConsentRecord with the caller's function name (for messages) and path prefix. */
export function checkConsentRecord(fn: string, input: unknown, path: InputPath): ConsentRecord {
  if (typeof input !== "object" || input === null) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a consent record object, got ${describe(input)}`, path, input);
  }
  const r = input as Record<string, unknown>;
  const text = (field: string): string => {
    const v = r[field];
    if (typeof v !== "string" || v === "") throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty string ${field}, got ${describe(v)}`, [...path, field], v);
    return v;
  };
  const customerId = text("customerId");
  const source = text("source");
  if (typeof r.purpose !== "string" || !purposes.has(r.purpose)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a purpose among ${consentPurposes.join(", ")}, got ${describe(r.purpose)}`, [...path, "purpose"], r.purpose);
  }
  if (typeof r.status !== "string" || !statuses.has(r.status)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a status among ${consentStatuses.join(", ")}, got ${describe(r.status)}`, [...path, "status"], r.status);
  }
  if (r.channel !== undefined) text("channel");
  assertFinite(fn, r.at, [...path, "at"]);
  if (r.expiresAt !== undefined) {
    assertFinite(fn, r.expiresAt, [...path, "expiresAt"]);
    if (r.expiresAt <= r.at) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires expiresAt after at, got ${r.expiresAt} ≤ ${r.at}`, [...path, "expiresAt"], r.expiresAt);
  }
  const record: ConsentRecord = {
    customerId,
    purpose: r.purpose as ConsentRecord["purpose"],
    status: r.status as ConsentRecord["status"],
    at: r.at,
    source,
    ...(r.channel !== undefined ? { channel: r.channel as string } : {}),
    ...(r.expiresAt !== undefined ? { expiresAt: r.expiresAt as number } : {}),
  };
  return record;
}
