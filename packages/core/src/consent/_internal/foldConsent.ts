import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import type { ConsentRecord, ConsentStatus } from "../ConsentRecord.js";
import { consentKey, type ConsentEntry, type ConsentState } from "../ConsentState.js";
import { checkConsentRecord } from "./checkConsentRecord.js";

const restrictiveness: Readonly<Record<ConsentStatus, number>> = { granted: 0, denied: 1, withdrawn: 2 };

/**
 * Orders two consent entries: positive when `a` supersedes `b`. Newer `at`
 * wins; at equal times the more restrictive status (withdrawn > denied >
 * granted), then the greater source, then the earlier expiry — a total order,
 * so folding is independent of arrival order.
 */
export function compareEntries(a: ConsentEntry, b: ConsentEntry): number {
  if (a.at !== b.at) return a.at - b.at;
  const r = restrictiveness[a.status] - restrictiveness[b.status];
  if (r !== 0) return r;
  if (a.source !== b.source) return a.source > b.source ? 1 : -1;
  return (b.expiresAt ?? Infinity) - (a.expiresAt ?? Infinity);
}

/** applyConsent with the caller's function name and error path. */
export function foldConsent(fn: string, path: InputPath, state: ConsentState | undefined, record: ConsentRecord): ConsentState {
  checkConsentRecord(fn, record, path);
  if (state !== undefined && state.customerId !== record.customerId) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a record of customer ${JSON.stringify(state.customerId)}, got ${JSON.stringify(record.customerId)}`, [...path, "customerId"], record.customerId);
  }
  const key = consentKey(record.purpose, record.channel);
  const entry: ConsentEntry = {
    status: record.status,
    at: record.at,
    source: record.source,
    ...(record.expiresAt !== undefined && record.status === "granted" ? { expiresAt: record.expiresAt } : {}),
  };
  const previous = state?.entries[key];
  if (state !== undefined && previous !== undefined && compareEntries(entry, previous) <= 0) return state;
  return { customerId: record.customerId, entries: { ...(state?.entries ?? {}), [key]: entry } };
}
