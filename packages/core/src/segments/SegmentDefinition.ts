import { schemaBuilder as T, type Static, type TSchema } from "./schemaBuilder.js";

/*
 * The condition language: one schema value per node kind. The published JSON
 * Schema (`segmentDefinitionSchema`, written to schema/segment-definition.schema.json)
 * and the TypeScript types below are both derived from these values.
 */

const Id = T.String({ minLength: 1, maxLength: 200 });
const Field = T.String({ minLength: 1, maxLength: 200, description: "Trait name, e.g. \"plan\" or \"signupDate\"" });
const Primitive = T.Union([T.String(), T.Number(), T.Boolean()]);
const DateTime = T.String({ format: "date-time", description: "ISO 8601 date-time (RFC 3339); engagekit also accepts a plain date (YYYY-MM-DD). Without an offset it is UTC" });
const Days = T.Number({ exclusiveMinimum: 0, description: "A window length in days (may be fractional)" });

/** Every child condition is true (`all([])` is true: the empty conjunction). */
export const AllCondition = T.Object({ type: T.Literal("all"), conditions: T.Array(T.Ref("SegmentCondition")) });
/** At least one child condition is true (`any([])` is false: the empty disjunction). */
export const AnyCondition = T.Object({ type: T.Literal("any"), conditions: T.Array(T.Ref("SegmentCondition")) });
/** The child condition is false. */
export const NotCondition = T.Object({ type: T.Literal("not"), condition: T.Ref("SegmentCondition") });

const trait = T.Literal("trait");
/** Trait equals a string, number or boolean (strict equality; dates are not coerced). */
export const TraitEquals = T.Object({ type: trait, field: Field, op: T.Literal("equals"), value: Primitive });
/** Trait is one of the listed values (`in []` is false). */
export const TraitIn = T.Object({ type: trait, field: Field, op: T.Literal("in"), values: T.Array(Primitive, { maxItems: 10000 }) });
/** A string trait contains the substring, or a list trait contains the element. */
export const TraitContains = T.Object({ type: trait, field: Field, op: T.Literal("contains"), value: Primitive });
/**
 * A string trait matches a regular expression. Patterns that can backtrack
 * catastrophically are rejected (see validateSegmentDefinition).
 */
export const TraitMatches = T.Object({
  type: trait,
  field: Field,
  op: T.Literal("matches"),
  pattern: T.String({ maxLength: 200 }),
  flags: T.Optional(T.Enum(["", "i"])),
});
/** The trait is present and not null. */
export const TraitExists = T.Object({ type: trait, field: Field, op: T.Literal("exists") });
/** Numeric comparison of a number trait with `value`. */
export const TraitCompare = T.Object({ type: trait, field: Field, op: T.Enum(["gt", "gte", "lt", "lte"]), value: T.Number() });
/** min ≤ trait ≤ max (both inclusive). */
export const TraitBetween = T.Object({ type: trait, field: Field, op: T.Literal("between"), min: T.Number(), max: T.Number() });
/** A date trait strictly before / strictly after an absolute date. */
export const TraitDateCompare = T.Object({ type: trait, field: Field, op: T.Enum(["before", "after"]), value: DateTime });
/** from ≤ date trait < to. */
export const TraitDateBetween = T.Object({ type: trait, field: Field, op: T.Literal("dateBetween"), from: DateTime, to: DateTime });
/**
 * Relative dates against the evaluation time `now`, with d = days · 86 400 000 ms:
 * `withinLast`: now − d < t ≤ now; `moreThanAgo`: t ≤ now − d; `withinNext`: now < t ≤ now + d.
 */
export const TraitRelativeDate = T.Object({ type: trait, field: Field, op: T.Enum(["withinLast", "moreThanAgo", "withinNext"]), days: Days });

/**
 * Performed interaction `interaction` at least / at most / exactly `times` times,
 * over the whole history or, with `withinDays`, in the window (now − d, now].
 */
export const PerformedCondition = T.Object({
  type: T.Literal("performed"),
  interaction: Id,
  op: T.Enum(["atLeast", "atMost", "exactly"]),
  times: T.Integer({ minimum: 0 }),
  withinDays: T.Optional(Days),
});
const performedAt = T.Enum(["firstPerformed", "lastPerformed"]);
/** First / last time the interaction was performed is strictly before / strictly after a date; false if never performed. */
export const PerformedAtDate = T.Object({ type: performedAt, interaction: Id, op: T.Enum(["before", "after"]), value: DateTime });
/** First / last time relative to now: `withinLast` now − d < t ≤ now; `moreThanAgo` t ≤ now − d; false if never performed. */
export const PerformedAtRelative = T.Object({ type: performedAt, interaction: Id, op: T.Enum(["withinLast", "moreThanAgo"]), days: Days });

const Metric = T.String({
  pattern: "^(clv|pAlive|lastNps|engagementScore|rfm\\.(r|f|m)|metrics\\.[A-Za-z0-9_.:-]{1,100})$",
  description: "clv, pAlive (0–1), lastNps (0–10), engagementScore, rfm.r / rfm.f / rfm.m (1–5) or metrics.<name>",
});
/** A value read from the profile (`profile.values`) compared with a threshold; false when the value is absent. */
export const ValueCompare = T.Object({ type: T.Literal("value"), metric: Metric, op: T.Enum(["gt", "gte", "lt", "lte", "equals"]), value: T.Number() });
/** min ≤ value ≤ max. */
export const ValueBetween = T.Object({ type: T.Literal("value"), metric: Metric, op: T.Literal("between"), min: T.Number(), max: T.Number() });
/** The profile's named RFM segment is one of `segments`. */
export const RfmSegmentCondition = T.Object({ type: T.Literal("rfmSegment"), segments: T.Array(T.String({ minLength: 1 }), { minItems: 1 }) });
/** Engagement-ladder tier is / is at least / is at most `tier` (passive < active < advocate). */
export const LadderTierCondition = T.Object({
  type: T.Literal("ladderTier"),
  op: T.Enum(["is", "atLeast", "atMost"]),
  tier: T.Enum(["passive", "active", "advocate"]),
});
/** Membership of another segment, evaluated from that segment's definition (cycles are rejected). */
export const InSegmentCondition = T.Object({ type: T.Literal("inSegment"), segmentId: Id });
/**
 * Consent state for a purpose (optionally on one channel): `profile.consent["purpose"]`
 * or `profile.consent["purpose:channel"]` equals `granted`; absent consent is not granted.
 * Registered through the open condition-kind registry.
 */
export const ConsentCondition = T.Object({ type: T.Literal("consent"), purpose: Id, channel: T.Optional(Id), granted: T.Boolean() });

/** Every built-in node schema, in the order of the published `anyOf`. */
export const builtInConditionSchemas = [
  AllCondition,
  AnyCondition,
  NotCondition,
  InSegmentCondition,
  TraitEquals,
  TraitIn,
  TraitContains,
  TraitMatches,
  TraitExists,
  TraitCompare,
  TraitBetween,
  TraitDateCompare,
  TraitDateBetween,
  TraitRelativeDate,
  PerformedCondition,
  PerformedAtDate,
  PerformedAtRelative,
  ValueCompare,
  ValueBetween,
  RfmSegmentCondition,
  LadderTierCondition,
  ConsentCondition,
] as const;

const ConditionSchema = T.Union(builtInConditionSchemas);

/** A node of the condition tree (a JSON-serializable discriminated union on `type`, then `op`). */
export type SegmentCondition = Static<typeof ConditionSchema>;

declare module "./schemaBuilder.js" {
  interface SchemaRefs {
    SegmentCondition: SegmentCondition;
  }
}

const DefinitionSchema = T.Object({
  id: Id,
  name: T.Optional(T.String({ maxLength: 500 })),
  description: T.Optional(T.String({ maxLength: 5000 })),
  condition: T.Ref("SegmentCondition"),
});

/** A named segment: who belongs is decided by `condition`. */
export type SegmentDefinition = Static<typeof DefinitionSchema>;

/** Builds the JSON Schema document of a segment definition from a list of node schemas. */
export function buildSegmentDefinitionSchema(conditionSchemas: readonly TSchema[]): TSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "urn:engagekit:schema:segment-definition",
    title: "engagekit segment definition",
    description:
      "A segment: an id and a condition tree. all([]) is true and any([]) is false. Dates are ISO 8601 (UTC unless an offset is given); relative windows use half-open intervals (now − d, now].",
    ...DefinitionSchema,
    $defs: { SegmentCondition: T.Union(conditionSchemas) },
  };
}

/**
 * The published JSON Schema (draft 2020-12) of {@link SegmentDefinition}, the same
 * source the TypeScript types are inferred from. The repository copy lives at
 * `packages/core/schema/segment-definition.schema.json` and a test fails on drift.
 *
 * @category Segments
 * @example
 * segmentDefinitionSchema.$defs.SegmentCondition.anyOf.length // => 22
 */
export const segmentDefinitionSchema: TSchema & { readonly $defs: { readonly SegmentCondition: { readonly anyOf: readonly TSchema[] } } } =
  buildSegmentDefinitionSchema(builtInConditionSchemas) as TSchema & { readonly $defs: { readonly SegmentCondition: { readonly anyOf: readonly TSchema[] } } };

/** Node types by `type`, for code that narrows on one kind. */
export type SegmentConditionOf<K extends SegmentCondition["type"]> = SegmentCondition extends infer C
  ? C extends { readonly type: infer U }
    ? [Extract<U, K>] extends [never]
      ? never
      : C
    : never
  : never;
