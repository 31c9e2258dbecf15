import type { Channel } from "../journey/Channel.js";
import type { ChannelRegistry } from "../journey/ChannelRegistry.js";
import type { InputPath } from "../errors/InputError.js";
import type { Trigger } from "./Trigger.js";
import type { CustomActionKind } from "./CustomActionKind.js";
import { checkTrigger, referenceSets } from "./_internal/checkTrigger.js";

/** What a trigger may reference: the workspace's segments and channels, and the registered custom action kinds. */
export interface TriggerReferences {
  /** Known segment ids (default: none — a trigger naming a segment then fails). */
  readonly segments?: Iterable<string>;
  /** Known channels: a registry, a list of channels or of ids (default: the {@link defaultChannels}). */
  readonly channels?: ChannelRegistry | readonly (Channel | string)[];
  /** Registered custom action kinds (default: none — a `custom` action then fails). */
  readonly actionKinds?: readonly CustomActionKind[];
}

/**
 * Checks a {@link Trigger} from untrusted input and returns it typed: a
 * non-empty id, a finite priority, a holdout share in [0, 1], a condition of
 * a known kind with well-formed fields, an action of a known type, and every
 * segment and channel it names known to the workspace. A `custom` action names
 * a registered kind (`refs.actionKinds`); its `params` must match the kind's
 * schema and pass its `check`; with a `channel` its `purpose` defaults to
 * `marketing` (the stricter consent rule), without one it may have no purpose.
 *
 * Ranges: `graceDays > 0`; `minDrop` in (0, 1]; `dueWithinHours > 0`;
 * `offsetDays`, `value` and `priority` finite.
 *
 * @param refs - the known segments and channels
 * @param path - where the trigger sits in the caller's input (prefix of error paths)
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for a missing or malformed field; `METRIC.NOT_FINITE` /
 *   `METRIC.OUT_OF_RANGE` for numbers; `SEGMENT.UNKNOWN_SEGMENT` for an unknown segment;
 *   `JOURNEY.UNKNOWN_REFERENCE` for an unknown channel or custom action kind; for custom params,
 *   `METRIC.OUT_OF_RANGE` for a bound, `JOURNEY.INVALID_FIELD` for another schema violation, or the code of
 *   the kind's own check — each with the path of the field (e.g. `["action", "params", "url"]`)
 * @category Proactive
 * @example
 * validateTrigger({ id: "t", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "o1", channel: "fax" }, priority: 1, holdoutShare: 0 }, { segments: ["at_risk"] })
 * // throws JOURNEY.UNKNOWN_REFERENCE at ["action", "channel"]
 */
export function validateTrigger(input: unknown, refs: TriggerReferences = {}, path: InputPath = []): Trigger {
  return checkTrigger("validateTrigger", input, referenceSets(refs), path);
}

