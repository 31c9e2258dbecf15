import type { ConditionKind, InputPath, NextChange, Profile, ProfilePredicate, SegmentIssue, TSchema } from "@engagekit/core";

/** JSON Schema of a condition kind's parameters (the properties beside `type`), in the core's schema subset. */
export interface ParamsSchema {
  readonly properties: Readonly<Record<string, TSchema>>;
  /** Required parameter names (default: every property). */
  readonly required?: readonly string[];
}

/** A condition node of kind `T` with parameters `P`, as stored in a segment definition. */
export type ConditionNode<T extends string, P> = { readonly type: T } & P;

/** What {@link defineConditionKind} takes: the core's ConditionKind, written against typed parameters. */
export interface ConditionKindSpec<T extends string, P> {
  readonly type: T;
  readonly params: ParamsSchema;
  readonly description?: string;
  /** Semantic checks beyond the schema; `path` is the node's path. */
  check?(params: P, path: InputPath): readonly SegmentIssue[];
  compile(params: P): ProfilePredicate;
  nextChange?(params: P): NextChange | undefined;
  observe(params: P, profile: Profile, now: number): unknown;
  /** Dependency keys whose change may flip the node ("trait:<plugin>.<key>", or "*"). */
  dependencies(params: P): readonly string[];
}

/** A plugin's condition kind: the core's {@link ConditionKind} plus its parameter type (for `defineSegment`). */
export interface PluginConditionKind<T extends string = string, P = unknown> {
  readonly type: T;
  readonly kind: ConditionKind;
  /** Phantom: the parameters' TypeScript type. Never set at runtime. */
  readonly params?: P;
}

/**
 * Defines a segment condition kind with typed parameters. Curried so the
 * parameter type is given and the `type` literal inferred:
 * `defineConditionKind<{ days: number }>()({ type: "renewing_within", … })`.
 * The node's JSON Schema is `{ type: <T>, ...params }` with no other property.
 */
export function defineConditionKind<P extends object>() {
  return <const T extends string>(spec: ConditionKindSpec<T, P>): PluginConditionKind<T, P> => {
    const required = spec.params.required ?? Object.keys(spec.params.properties);
    const schema: TSchema = {
      type: "object",
      ...(spec.description ? { description: spec.description } : {}),
      properties: { type: { const: spec.type }, ...spec.params.properties },
      required: ["type", ...required],
      additionalProperties: false,
    };
    const params = (node: { readonly type: string }) => node as unknown as P;
    const kind: ConditionKind = {
      type: spec.type,
      schemas: [schema],
      ...(spec.check ? { check: (node, path) => (spec.check as NonNullable<typeof spec.check>)(params(node), path) } : {}),
      compile: (node) => spec.compile(params(node)),
      ...(spec.nextChange ? { nextChange: (node) => (spec.nextChange as NonNullable<typeof spec.nextChange>)(params(node)) } : {}),
      observe: (node, profile, now) => spec.observe(params(node), profile, now),
      dependencies: (node) => spec.dependencies(params(node)),
    };
    return { type: spec.type, kind };
  };
}
