/**
 * Interaction properties are free-form JSON sent by integrators; some of it
 * is personal (an email, a name, an address). Erasure removes a property
 * when its key is flagged personal or when its value contains one of the
 * customer's own personal values (their email, phone, external id…), at any
 * depth, and keeps everything else: anonymous properties (a product id, a
 * price) still feed aggregates after an erasure.
 */

/**
 * Keys flagged personal by default, compared after {@link normalizePropertyKey}
 * (so `first_name`, `firstName` and `First-Name` are the same key). A caller
 * adds its own keys per erasure (`personalProperties`).
 */
export const DEFAULT_PERSONAL_PROPERTY_KEYS: readonly string[] = [
  "email",
  "emailAddress",
  "phone",
  "phoneNumber",
  "mobile",
  "name",
  "firstName",
  "lastName",
  "fullName",
  "surname",
  "givenName",
  "address",
  "street",
  "streetAddress",
  "postcode",
  "postalCode",
  "zip",
  "zipCode",
  "city",
  "ip",
  "ipAddress",
  "userAgent",
  "birthday",
  "birthDate",
  "dateOfBirth",
  "dob",
  "ssn",
  "taxId",
  "iban",
  "cardNumber",
  "comment",
  "message",
  "note",
  "notes",
  "freeText",
];

/** Lower case, letters and digits only: `first_name`, `firstName` and `First-Name` compare equal. */
export function normalizePropertyKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** What {@link stripPersonalProperties} kept and how many properties it removed. */
export interface StrippedProperties {
  readonly properties: Record<string, unknown> | null;
  readonly removed: number;
}

/**
 * Removes, at any depth (objects inside objects and arrays), every property
 * whose key is flagged (`keys`, compared normalized) and every string value
 * containing one of `values` (case-insensitive; values shorter than 3
 * characters are ignored, they would match everywhere). An array element
 * that is such a string is removed too. Returns `null` when nothing is left.
 * Idempotent: stripping the result again removes nothing.
 */
export function stripPersonalProperties(
  properties: Readonly<Record<string, unknown>> | null,
  keys: Iterable<string>,
  values: Iterable<string> = [],
): StrippedProperties {
  if (properties === null) return { properties: null, removed: 0 };
  const flagged = new Set([...keys].map(normalizePropertyKey));
  const needles = [...new Set([...values].map((v) => v.trim().toLowerCase()))].filter((v) => v.length >= 3);
  let removed = 0;
  const personal = (v: unknown): boolean => typeof v === "string" && needles.some((n) => v.toLowerCase().includes(n));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const item of v) {
        if (personal(item)) removed++;
        else out.push(walk(item));
      }
      return out;
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        if (flagged.has(normalizePropertyKey(k)) || personal(item)) removed++;
        // defineProperty: a JSON key "__proto__" stays a plain key instead of replacing the prototype.
        else Object.defineProperty(out, k, { value: walk(item), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  const out = walk(properties) as Record<string, unknown>;
  return { properties: Object.keys(out).length === 0 ? null : out, removed };
}
