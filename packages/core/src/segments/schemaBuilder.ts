/**
 * A small JSON Schema builder with TypeBox-style static inference (`Static<typeof X>`),
 * so the published JSON Schema and the TypeScript types of segment definitions come
 * from one source. Only the JSON Schema subset the condition language needs is
 * supported; {@link checkSchema} validates values against it and reports every
 * error with its JSON path.
 */
import type { InputPath } from "../errors/InputError.js";

declare const refName: unique symbol;
declare const optionalMark: unique symbol;

/** Names of recursive definitions, filled in by declaration merging next to each `$defs` entry. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by SegmentDefinition.ts
export interface SchemaRefs {}

/** Any JSON Schema node produced by the builder (a plain JSON object). */
export interface TSchema {
  readonly [keyword: string]: unknown;
}
export interface TLiteral<V extends string | number | boolean> extends TSchema {
  readonly const: V;
}
export interface TEnum<V extends string> extends TSchema {
  readonly enum: readonly V[];
}
export interface TString extends TSchema {
  readonly type: "string";
}
export interface TNumber extends TSchema {
  readonly type: "number";
}
export interface TInteger extends TSchema {
  readonly type: "integer";
}
export interface TBoolean extends TSchema {
  readonly type: "boolean";
}
export interface TArray<I extends TSchema> extends TSchema {
  readonly type: "array";
  readonly items: I;
}
export interface TRef<N extends string> extends TSchema {
  readonly $ref: string;
  readonly [refName]?: N;
}
export interface TUnion<V extends readonly TSchema[]> extends TSchema {
  readonly anyOf: V;
}
export interface TOptional<S extends TSchema> {
  readonly [optionalMark]: true;
  readonly schema: S;
}
export type TProperty = TSchema | TOptional<TSchema>;
export interface TObject<P extends Readonly<Record<string, TProperty>>> extends TSchema {
  readonly type: "object";
  readonly properties: { readonly [K in keyof P]: TSchema };
  readonly [propsMark]?: P;
}
declare const propsMark: unique symbol;

type RefTarget<N extends string> = N extends keyof SchemaRefs ? SchemaRefs[N] : unknown;
type OptionalKeys<P> = { [K in keyof P]: P[K] extends TOptional<TSchema> ? K : never }[keyof P];
type RequiredKeys<P> = Exclude<keyof P, OptionalKeys<P>>;
type PropertyStatic<X> = X extends TOptional<infer S> ? Static<S> : Static<X>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
type ObjectStatic<P> = Flatten<{ readonly [K in RequiredKeys<P>]: PropertyStatic<P[K]> } & { readonly [K in OptionalKeys<P>]?: PropertyStatic<P[K]> }>;

/** The TypeScript type of values that a builder schema accepts. */
export type Static<S> = S extends TRef<infer N>
  ? RefTarget<N>
  : S extends TLiteral<infer V>
    ? V
    : S extends TEnum<infer V>
      ? V
      : S extends TString
        ? string
        : S extends TNumber | TInteger
          ? number
          : S extends TBoolean
            ? boolean
            : S extends TArray<infer I>
              ? readonly Static<I>[]
              : S extends TUnion<infer V>
                ? Static<V[number]>
                : S extends TObject<infer P>
                  ? ObjectStatic<P>
                  : unknown;

type Keywords = Readonly<Record<string, unknown>>;

function isOptional(p: TProperty): p is TOptional<TSchema> {
  return (p as { readonly schema?: unknown }).schema !== undefined && (p as Record<string, unknown>)["x-optional"] === true;
}

/**
 * JSON Schema builders with static inference, for condition kinds: each returns a
 * plain JSON Schema object whose accepted values are `Static<typeof schema>`.
 *
 * @category Segments
 * @example
 * const Node = schemaBuilder.Object({ type: schemaBuilder.Literal("vip"), tier: schemaBuilder.Integer({ minimum: 1 }) });
 * Node.required // => ["type", "tier"]
 */
export const schemaBuilder = {
  Literal<const V extends string | number | boolean>(value: V, extra: Keywords = {}): TLiteral<V> {
    return { const: value, ...extra } as TLiteral<V>;
  },
  Enum<const V extends string>(values: readonly V[], extra: Keywords = {}): TEnum<V> {
    return { enum: values, ...extra } as TEnum<V>;
  },
  String(extra: Keywords = {}): TString {
    return { type: "string", ...extra } as TString;
  },
  Number(extra: Keywords = {}): TNumber {
    return { type: "number", ...extra } as TNumber;
  },
  Integer(extra: Keywords = {}): TInteger {
    return { type: "integer", ...extra } as TInteger;
  },
  Boolean(extra: Keywords = {}): TBoolean {
    return { type: "boolean", ...extra } as TBoolean;
  },
  Array<I extends TSchema>(items: I, extra: Keywords = {}): TArray<I> {
    return { type: "array", items, ...extra } as TArray<I>;
  },
  /** A reference to `#/$defs/<name>`; its static type is looked up in {@link SchemaRefs}. */
  Ref<const N extends string>(name: N): TRef<N> {
    return { $ref: `#/$defs/${name}` } as TRef<N>;
  },
  Union<const V extends readonly TSchema[]>(variants: V, extra: Keywords = {}): TUnion<V> {
    return { anyOf: variants, ...extra } as TUnion<V>;
  },
  Optional<S extends TSchema>(schema: S): TOptional<S> {
    return { "x-optional": true, schema } as unknown as TOptional<S>;
  },
  Object<const P extends Readonly<Record<string, TProperty>>>(props: P, extra: Keywords = {}): TObject<P> {
    const properties: Record<string, TSchema> = {};
    const required: string[] = [];
    for (const [key, p] of Object.entries(props)) {
      if (isOptional(p)) properties[key] = p.schema;
      else {
        properties[key] = p;
        required.push(key);
      }
    }
    return { type: "object", properties, required, additionalProperties: false, ...extra } as unknown as TObject<P>;
  },
};

/** One schema violation, with the JSON path of the offending value; `message` names the rule ("a string, got integer"). */
export interface SchemaError {
  /** "kind" (unknown `type`), "operator" (unknown `op`), "type" (wrong JSON type or literal), "missing", "unknown-property", "range". */
  readonly reason: "kind" | "operator" | "type" | "missing" | "unknown-property" | "range" | "format";
  readonly path: InputPath;
  readonly message: string;
  readonly value: unknown;
}

/** Keys that select a variant of a union (tagged unions): an unknown value is reported on the key. */
const DISCRIMINATORS = ["type", "op"] as const;

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function accepts(schema: TSchema, key: string, v: unknown): boolean | undefined {
  const props = schema["properties"] as Record<string, TSchema> | undefined;
  const p = props?.[key];
  if (p === undefined) return undefined;
  if ("const" in p) return p["const"] === v;
  if (Array.isArray(p["enum"])) return (p["enum"] as unknown[]).includes(v);
  return undefined;
}

/**
 * Validates `value` against a builder schema (the JSON Schema subset the builder
 * emits: const, enum, string, number, integer, boolean, array, object, anyOf,
 * $ref into `defs`). Tagged unions are narrowed by `type`, then `op`, so an
 * unknown operator is reported once, on the `op` key.
 *
 * @category Segments
 * @example
 * const errs: SchemaError[] = [];
 * checkSchema(schemaBuilder.Number(), "3", ["x"], {}, errs);
 * errs[0]?.message // => "a number, got string"
 *
 * Appends every violation to `out`. `defs` resolves `$ref`s. Recursion depth is
 * bounded by the caller (definitions are size- and depth-checked first).
 */
export function checkSchema(schema: TSchema, value: unknown, path: InputPath, defs: Readonly<Record<string, TSchema>>, out: SchemaError[]): void {
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    const target = defs[ref.replace("#/$defs/", "")];
    if (target === undefined) throw new Error(`unresolved schema reference ${ref}`);
    checkSchema(target, value, path, defs, out);
    return;
  }
  const anyOf = schema["anyOf"] as readonly TSchema[] | undefined;
  if (anyOf !== undefined) {
    checkUnion(anyOf, value, path, defs, out);
    return;
  }
  if ("const" in schema) {
    if (value !== schema["const"]) out.push({ reason: "type", path, message: `the constant ${JSON.stringify(schema["const"])}`, value });
    return;
  }
  if (Array.isArray(schema["enum"])) {
    const allowed = schema["enum"] as unknown[];
    if (!allowed.includes(value)) out.push({ reason: "type", path, message: `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, value });
    return;
  }
  const type = schema["type"];
  const actual = jsonType(value);
  switch (type) {
    case "string": {
      if (actual !== "string") return void out.push({ reason: "type", path, message: `a string, got ${actual}`, value });
      const s = value as string;
      const maxLength = schema["maxLength"];
      if (typeof maxLength === "number" && s.length > maxLength) out.push({ reason: "range", path, message: `at most ${maxLength} characters`, value });
      const minLength = schema["minLength"];
      if (typeof minLength === "number" && s.length < minLength) out.push({ reason: "range", path, message: `at least ${minLength} characters`, value });
      if (schema["format"] === "date-time" && !isIsoDateTime(s)) out.push({ reason: "format", path, message: "an ISO 8601 date or date-time", value });
      const pattern = schema["pattern"];
      if (typeof pattern === "string" && !new RegExp(pattern).test(s)) out.push({ reason: "format", path, message: `a string matching ${pattern}`, value });
      return;
    }
    case "number":
    case "integer": {
      if (actual !== "number" && actual !== "integer") return void out.push({ reason: "type", path, message: `a number, got ${actual}`, value });
      const n = value as number;
      if (!Number.isFinite(n)) return void out.push({ reason: "type", path, message: "a finite number", value });
      if (type === "integer" && !Number.isInteger(n)) out.push({ reason: "type", path, message: "an integer", value });
      const min = schema["minimum"];
      if (typeof min === "number" && n < min) out.push({ reason: "range", path, message: `a number ≥ ${min}`, value });
      const emin = schema["exclusiveMinimum"];
      if (typeof emin === "number" && n <= emin) out.push({ reason: "range", path, message: `a number > ${emin}`, value });
      const max = schema["maximum"];
      if (typeof max === "number" && n > max) out.push({ reason: "range", path, message: `a number ≤ ${max}`, value });
      return;
    }
    case "boolean":
      if (actual !== "boolean") out.push({ reason: "type", path, message: `a boolean, got ${actual}`, value });
      return;
    case "array": {
      if (actual !== "array") return void out.push({ reason: "type", path, message: `an array, got ${actual}`, value });
      const arr = value as readonly unknown[];
      const minItems = schema["minItems"];
      if (typeof minItems === "number" && arr.length < minItems) out.push({ reason: "range", path, message: `at least ${minItems} items`, value });
      const maxItems = schema["maxItems"];
      if (typeof maxItems === "number" && arr.length > maxItems) out.push({ reason: "range", path, message: `at most ${maxItems} items`, value });
      const items = schema["items"] as TSchema;
      for (let i = 0; i < arr.length; i++) checkSchema(items, arr[i], [...path, i], defs, out);
      return;
    }
    case "object": {
      if (actual !== "object") return void out.push({ reason: "type", path, message: `an object, got ${actual}`, value });
      const obj = value as Record<string, unknown>;
      const props = (schema["properties"] ?? {}) as Record<string, TSchema>;
      for (const key of (schema["required"] ?? []) as string[]) {
        if (!(key in obj) || obj[key] === undefined) out.push({ reason: "missing", path: [...path, key], message: `the property ${key}`, value: undefined });
      }
      for (const key of Object.keys(obj)) {
        const p = props[key];
        if (p === undefined) {
          if (schema["additionalProperties"] === false) out.push({ reason: "unknown-property", path: [...path, key], message: `no property ${key} (not in the schema)`, value: obj[key] });
        } else if (obj[key] !== undefined) checkSchema(p, obj[key], [...path, key], defs, out);
      }
      return;
    }
    default:
      return;
  }
}

function checkUnion(variants: readonly TSchema[], value: unknown, path: InputPath, defs: Readonly<Record<string, TSchema>>, out: SchemaError[]): void {
  const resolved = variants.map((v) => {
    const r = v["$ref"];
    return typeof r === "string" ? (defs[r.replace("#/$defs/", "")] ?? v) : v;
  });
  if (jsonType(value) === "object") {
    // Tagged union: narrow by each discriminator in turn and blame the first key that selects nothing.
    let candidates = resolved;
    const obj = value as Record<string, unknown>;
    for (const key of DISCRIMINATORS) {
      const tagged = candidates.filter((c) => accepts(c, key, obj[key]) !== undefined);
      if (tagged.length === 0) continue;
      const matching = candidates.filter((c) => accepts(c, key, obj[key]) !== false);
      if (matching.length === 0) {
        const known = [...new Set(tagged.flatMap((c) => allowedValues(c, key)))];
        out.push({
          reason: key === "type" ? "kind" : "operator",
          path: [...path, key],
          message: `a known ${key === "type" ? "condition type" : "operator"} (${known.map((k) => JSON.stringify(k)).join(", ")}), got ${JSON.stringify(obj[key])}`,
          value: obj[key],
        });
        return;
      }
      candidates = matching;
    }
    if (candidates.length === 1) {
      checkSchema(candidates[0] as TSchema, value, path, defs, out);
      return;
    }
    resolved.length = 0;
    resolved.push(...candidates);
  }
  let best: SchemaError[] | undefined;
  for (const v of resolved) {
    const errs: SchemaError[] = [];
    checkSchema(v, value, path, defs, errs);
    if (errs.length === 0) return;
    if (best === undefined || errs.length < best.length) best = errs;
  }
  if (best !== undefined) {
    const types = [...new Set(resolved.map((v) => (typeof v["type"] === "string" ? `a${v["type"] === "object" || v["type"] === "array" || v["type"] === "integer" ? "n" : ""} ${v["type"]}` : "const" in v ? JSON.stringify(v["const"]) : "a value")))].join(" or ");
    if (best.length === 1 && best[0]?.reason === "type" && best[0].path.length === path.length) {
      out.push({ reason: "type", path, message: `${types}, got ${jsonType(value)}`, value });
    } else out.push(...best);
  }
}

function allowedValues(schema: TSchema, key: string): unknown[] {
  const p = (schema["properties"] as Record<string, TSchema> | undefined)?.[key];
  if (p === undefined) return [];
  if ("const" in p) return [p["const"]];
  return Array.isArray(p["enum"]) ? (p["enum"] as unknown[]) : [];
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `true` for an ISO 8601 date or date-time that `Date.parse` understands. */
export function isIsoDateTime(s: string): boolean {
  return ISO.test(s) && Number.isFinite(Date.parse(s));
}
