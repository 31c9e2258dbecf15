import type { CustomActionKind, InputPath, MessagePurpose, SegmentIssue, TSchema } from "@engagekit/core";
import type { EngagekitPlugin } from "./EngagekitPlugin.js";
import type { ParamsSchema } from "./PluginConditionKind.js";

/** What {@link defineTriggerAction} takes: a custom trigger action kind written against typed parameters. */
export interface TriggerActionSpec<K extends string, P> {
  /** `^[a-z][a-z0-9_]{0,63}$`; not `message`, `task`, `offer` or `custom`; unique among installed plugins. */
  readonly kind: K;
  /** JSON Schema of the parameters, in the core's schema subset (as a condition kind's `params`). */
  readonly params: ParamsSchema;
  readonly description?: string;
  /** Checks beyond the schema, on parameters it accepted; `path` is the params' path (e.g. `["input", "action", "params"]`). */
  check?(params: P, path: InputPath): readonly SegmentIssue[];
}

/** A plugin's trigger action kind: the core's {@link CustomActionKind} plus its parameter type. */
export interface PluginTriggerAction<K extends string = string, P = unknown> {
  readonly kind: K;
  readonly action: CustomActionKind;
  readonly description?: string;
  /** Phantom: the parameters' TypeScript type. Never set at runtime. */
  readonly params?: P;
}

/** The action of a trigger using kind `K` with parameters `P`, as `createTrigger` takes it (the core's CustomTriggerAction). */
export type PluginActionNode<K extends string, P> = {
  readonly type: "custom";
  readonly kind: K;
  readonly params: P;
  readonly channel?: string;
  readonly purpose?: MessagePurpose;
};

type ActionOf<A> = A extends PluginTriggerAction<infer K, infer P> ? PluginActionNode<K, P> : never;

/** The actions the plugins `P` add (a union of `{ type: "custom", kind, params }`), for typed clients and seeds. */
export type PluginTriggerActionOf<P extends readonly EngagekitPlugin[]> = ActionOf<NonNullable<P[number]["triggerActions"]>[number]>;

const KIND = /^[a-z][a-z0-9_]{0,63}$/;
/** Action types of engagekit's own, which no plugin kind may take. */
export const BUILT_IN_ACTION_TYPES: readonly string[] = ["message", "task", "offer", "custom"];

/**
 * Defines a trigger action kind with typed parameters. Curried so the
 * parameter type is given and the `kind` literal inferred:
 * `defineTriggerAction<{ url: string }>()({ kind: "webhook", params: { properties: { url: { type: "string" } } } })`.
 * A trigger then names it as `{ type: "custom", kind: "webhook", params: { url } }` (plus an optional
 * `channel` and `purpose` when the action contacts the customer); the params' JSON Schema is
 * `{ type: "object", properties, required, additionalProperties: false }` (every property required unless
 * `required` says otherwise).
 */
export function defineTriggerAction<P extends object>() {
  return <const K extends string>(spec: TriggerActionSpec<K, P>): PluginTriggerAction<K, P> => {
    if (!KIND.test(spec.kind) || BUILT_IN_ACTION_TYPES.includes(spec.kind)) {
      throw new Error(`defineTriggerAction requires a kind matching ${KIND.source} other than ${BUILT_IN_ACTION_TYPES.join(", ")}, got ${JSON.stringify(spec.kind)}`);
    }
    const schema: TSchema = {
      type: "object",
      ...(spec.description ? { description: spec.description } : {}),
      properties: spec.params.properties,
      required: [...(spec.params.required ?? Object.keys(spec.params.properties))],
      additionalProperties: false,
    };
    const check = spec.check;
    const action: CustomActionKind = { kind: spec.kind, params: schema, ...(check ? { check: (params, path) => check(params as unknown as P, path) } : {}) };
    return { kind: spec.kind, action, ...(spec.description ? { description: spec.description } : {}) };
  };
}
