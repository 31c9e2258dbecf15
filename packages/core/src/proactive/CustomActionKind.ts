import type { InputPath } from "../errors/InputError.js";
import type { SegmentIssue } from "../segments/SegmentIssue.js";
import type { TSchema } from "../segments/schemaBuilder.js";

/**
 * A trigger action kind beyond `message`, `task` and `offer`, registered by
 * the integrator (a plugin's webhook, a CRM task, an SMS provider…): triggers
 * then name it as `{ type: "custom", kind, params }` (see
 * {@link CustomTriggerAction}). The core checks `params` against `params`'
 * JSON Schema (the segment schema subset: `type`, `const`, `enum`,
 * `minimum`, `exclusiveMinimum`, `maximum`, `minLength`, `maxLength`,
 * `pattern`, `format: "date-time"`, `items`, `required`,
 * `additionalProperties: false`), then `check`; it never runs the action —
 * due actions carry it to whoever performs it.
 *
 * @example
 * const webhook: CustomActionKind = {
 *   kind: "webhook",
 *   params: { type: "object", properties: { url: { type: "string", pattern: "^https://" } }, required: ["url"], additionalProperties: false },
 * };
 */
export interface CustomActionKind {
  /** `^[a-z][a-z0-9_]{0,63}$`, not `message`, `task`, `offer` or `custom`. */
  readonly kind: string;
  /** JSON Schema of the `params` object. */
  readonly params: TSchema;
  /**
   * Checks beyond the schema, on params the schema accepted; `path` is the
   * params' path (issues carry their own full path). The first issue is thrown.
   */
  readonly check?: (params: Readonly<Record<string, unknown>>, path: InputPath) => readonly SegmentIssue[];
}
