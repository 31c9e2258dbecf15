import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { builtInKinds } from "./_internal/builtInKinds.js";
import type { TSchema } from "./schemaBuilder.js";
import type { ConditionKind } from "./ConditionKind.js";
import { consentConditionKind } from "./consentConditionKind.js";
import { AllCondition, AnyCondition, InSegmentCondition, NotCondition, buildSegmentDefinitionSchema } from "./SegmentDefinition.js";

/** Node types the engine itself interprets; kinds cannot take them. */
const STRUCTURAL = new Set(["all", "any", "not", "inSegment"]);

/**
 * The open set of leaf-condition kinds a definition may use, and the JSON
 * Schema of definitions over exactly those kinds. Immutable: registering a kind
 * returns a new registry (no global mutable state).
 */
export interface ConditionRegistry {
  readonly kinds: ReadonlyMap<string, ConditionKind>;
  /** JSON Schema of a segment definition using these kinds. */
  readonly schema: TSchema;
}

function build(kinds: ReadonlyMap<string, ConditionKind>): ConditionRegistry {
  const schemas: TSchema[] = [AllCondition, AnyCondition, NotCondition, InSegmentCondition];
  for (const kind of kinds.values()) for (const s of kind.schemas) if (!schemas.includes(s)) schemas.push(s);
  return { kinds, schema: buildSegmentDefinitionSchema(schemas) };
}

/**
 * A new registry holding the built-in kinds — trait, performed, firstPerformed,
 * lastPerformed, value, rfmSegment, ladderTier — and the consent kind, which is
 * registered through {@link registerConditionKind} like any integrator's kind.
 *
 * @category Segments
 * @example
 * [...createConditionRegistry().kinds.keys()].includes("consent") // => true
 */
export function createConditionRegistry(): ConditionRegistry {
  return registerConditionKind(build(new Map(builtInKinds.map((k) => [k.type, k as ConditionKind]))), consentConditionKind as ConditionKind);
}

/**
 * Returns a registry with `kind` added, for conditions the core does not ship
 * (consent models, custom scores). Definitions using it validate and compile
 * when this registry is passed as `options.registry`.
 *
 * @throws {InputError} `METRIC.INVALID_OPTION` when the type is structural (all, any, not, inSegment) or already registered
 * @category Segments
 * @example
 * const Vip = schemaBuilder.Object({ type: schemaBuilder.Literal("vip") });
 * const r = registerConditionKind(createConditionRegistry(), {
 *   type: "vip", schemas: [Vip], compile: () => (p) => p.traits["vip"] === true,
 *   observe: (_n, p) => p.traits["vip"], dependencies: () => ["trait:vip"],
 * });
 * r.kinds.has("vip") // => true
 */
export function registerConditionKind<N extends { readonly type: string }>(registry: ConditionRegistry, kind: ConditionKind<N>): ConditionRegistry {
  if (STRUCTURAL.has(kind.type) || registry.kinds.has(kind.type)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `registerConditionKind requires a new condition type, got ${JSON.stringify(kind.type)}`, ["kind", "type"], kind.type);
  }
  const kinds = new Map(registry.kinds);
  kinds.set(kind.type, kind as unknown as ConditionKind);
  return build(kinds);
}
