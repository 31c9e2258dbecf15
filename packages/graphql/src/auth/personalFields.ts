import { DEFAULT_PERSONAL_PROPERTY_KEYS, stripPersonalProperties } from "@engagekit/core";
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { wrapFieldResolvers } from "../server/wrapFieldResolvers.js";
import type { Context } from "../server/Context.js";

/** The field extension that marks a plugin's field personal (`@Extensions({ personal: true })`): the analytics role sees null. */
export const PERSONAL_EXTENSION = "personal";

// Free-form JSON can hold a person anywhere (an address under a key nobody flagged): the analytics
// role keeps only values that cannot be prose — numbers, booleans, and identifier-like strings
// (no whitespace, at most 64 characters, not an email address or a phone number).
const IDENTIFIER = /^[^\s]{1,64}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /^\+?\d[\d().-]{7,}\d$/;

/**
 * Interaction properties as the analytics role sees them: keys flagged
 * personal removed (the erasure's defaults), then every string that is not
 * identifier-like (a SKU, a plan code) or that is an email address or phone
 * number; numbers and booleans stay. Null when nothing is left.
 */
export function analyticsProperties(properties: Readonly<Record<string, unknown>> | null): Record<string, unknown> | null {
  const { properties: kept } = stripPersonalProperties(properties, DEFAULT_PERSONAL_PROPERTY_KEYS);
  if (kept === null) return null;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return IDENTIFIER.test(v) && !EMAIL.test(v) && !PHONE.test(v) ? v : undefined;
    if (Array.isArray(v)) return v.map(walk).filter((x) => x !== undefined);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const w = walk(item);
        if (w !== undefined) Object.defineProperty(out, k, { value: w, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  const out = walk(kept) as Record<string, unknown>;
  return Object.keys(out).length === 0 ? null : out;
}

/**
 * engagekit's personal output fields and what the analytics role gets
 * instead. Every one is nullable, so masking never breaks a response.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, (value: unknown) => unknown>> = {
  "Customer.email": () => null,
  "Customer.traits": () => null,
  "Interaction.properties": (v) => analyticsProperties((v as Record<string, unknown> | null) ?? null),
};

const MASKED = Symbol("engagekit.masked");

/**
 * Wraps, in place, the resolver of every personal field (the table above,
 * and plugin fields with the `personal` extension) so that a request of the
 * analytics role gets the masked value. Other roles are untouched (one
 * comparison per resolved personal field). Idempotent.
 */
export function maskPersonalFields(schema: GraphQLSchema): void {
  wrapFieldResolvers(schema, MASKED, (field, type) => {
    const mask = PERSONAL_FIELDS[`${type.name}.${field.name}`] ?? (field.extensions?.[PERSONAL_EXTENSION] === true ? () => null : undefined);
    if (!mask) return undefined;
    const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
    return ((source, args, context: Context, info) => {
      const value = resolve(source, args, context, info);
      if (context.auth?.role !== "analytics") return value;
      return value instanceof Promise ? value.then(mask) : mask(value);
    }) as GraphQLFieldResolver<unknown, unknown>;
  });
}
