import type { Channel } from "../journey/Channel.js";
import type { ChannelRegistry } from "../journey/ChannelRegistry.js";
import type { InputPath } from "../errors/InputError.js";
import type { Trigger } from "./Trigger.js";
import { checkTrigger, referenceSets } from "./_internal/checkTrigger.js";

/** What a trigger may reference: the workspace's segments and channels. */
export interface TriggerReferences {
  /** Known segment ids (default: none — a trigger naming a segment then fails). */
  readonly segments?: Iterable<string>;
  /** Known channels: a registry, a list of channels or of ids (default: the {@link defaultChannels}). */
  readonly channels?: ChannelRegistry | readonly (Channel | string)[];
}

/**
 * Checks a {@link Trigger} from untrusted input and returns it typed: a
 * non-empty id, a finite priority, a holdout share in [0, 1], a condition of
 * a known kind with well-formed fields, an action of a known type, and every
 * segment and channel it names known to the workspace.
 *
 * Ranges: `graceDays > 0`; `minDrop` in (0, 1]; `dueWithinHours > 0`;
 * `offsetDays`, `value` and `priority` finite.
 *
 * @param refs - the known segments and channels
 * @param path - where the trigger sits in the caller's input (prefix of error paths)
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for a missing or malformed field; `METRIC.NOT_FINITE` /
 *   `METRIC.OUT_OF_RANGE` for numbers; `SEGMENT.UNKNOWN_SEGMENT` for an unknown segment;
 *   `JOURNEY.UNKNOWN_REFERENCE` for an unknown channel — each with the path of the field
 * @category Proactive
 * @example
 * validateTrigger({ id: "t", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "o1", channel: "fax" }, priority: 1, holdoutShare: 0 }, { segments: ["at_risk"] })
 * // throws JOURNEY.UNKNOWN_REFERENCE at ["action", "channel"]
 */
export function validateTrigger(input: unknown, refs: TriggerReferences = {}, path: InputPath = []): Trigger {
  return checkTrigger("validateTrigger", input, referenceSets(refs), path);
}

