import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import type { IdentifierRef } from "./IdentifierRef.js";

/**
 * Canonical form of an identifier so that spellings of one address match:
 * emails are trimmed and lower-cased; phone numbers keep their digits and a
 * leading `+` (`"+49 (30) 1234-5"` → `"+493012345"`); other kinds are trimmed.
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` when kind or value is empty after normalisation
 * @category Identity
 * @example
 * normalizeIdentifier({ kind: "email", value: " Ana@Example.COM " }) // => { kind: "email", value: "ana@example.com" }
 */
export function normalizeIdentifier(ref: IdentifierRef): IdentifierRef {
  const raw = typeof ref.value === "string" ? ref.value.trim() : "";
  const value = ref.kind === "email" ? raw.toLowerCase() : ref.kind === "phone" ? normalizePhone(raw) : raw;
  if (typeof ref.kind !== "string" || ref.kind === "" || value === "" || value === "+") {
    throw new InputError(ErrorCodes.INVALID_FIELD, `normalizeIdentifier requires a non-empty kind and value, got ${describe(ref.kind)}: ${describe(ref.value)}`, ["identifier"], ref);
  }
  return value === ref.value ? ref : { kind: ref.kind, value };
}

function normalizePhone(raw: string): string {
  // Fast path: already "+digits" or "digits" (the common case for stored identifiers).
  let clean = true;
  for (let i = 0; i < raw.length && clean; i++) {
    const c = raw.charCodeAt(i);
    clean = (c >= 48 && c <= 57) || (c === 43 && i === 0);
  }
  return clean ? raw : (raw.startsWith("+") ? "+" : "") + raw.replace(/\D+/g, "");
}
