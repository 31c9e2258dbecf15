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
  const value = ref.kind === "email" ? raw.toLowerCase() : ref.kind === "phone" ? (raw.startsWith("+") ? "+" : "") + raw.replace(/\D+/g, "") : raw;
  if (typeof ref.kind !== "string" || ref.kind === "" || value === "" || value === "+") {
    throw new InputError(ErrorCodes.INVALID_FIELD, `normalizeIdentifier requires a non-empty kind and value, got ${describe(ref.kind)}: ${describe(ref.value)}`, ["identifier"], ref);
  }
  return value === ref.value ? ref : { kind: ref.kind, value };
}
