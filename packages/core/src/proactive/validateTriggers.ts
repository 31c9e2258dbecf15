import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { Trigger } from "./Trigger.js";
import { checkTrigger, referenceSets } from "./_internal/checkTrigger.js";
import type { TriggerReferences } from "./validateTrigger.js";

/**
 * Checks a list of triggers with {@link validateTrigger} (paths
 * `["triggers", i, …]`) and that their ids are unique.
 *
 * @throws {InputError} what validateTrigger throws; `JOURNEY.DUPLICATE_ID` at `["triggers", i, "id"]` for a repeated id
 * @category Proactive
 * @example
 * const t = { id: "t", condition: { kind: "pAliveDrop", minDrop: 0.2 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 48 }, priority: 1, holdoutShare: 0.1 };
 * validateTriggers([t, t]) // throws JOURNEY.DUPLICATE_ID at ["triggers", 1, "id"]
 */
export function validateTriggers(input: readonly unknown[], refs: TriggerReferences = {}): Trigger[] {
  const fn = "validateTriggers";
  if (!Array.isArray(input)) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires an array of triggers`, ["triggers"], input);
  const sets = referenceSets(refs);
  const seen = new Set<string>();
  return input.map((t, i) => {
    const trigger = checkTrigger(fn, t, sets, ["triggers", i]);
    if (seen.has(trigger.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique trigger ids, got ${JSON.stringify(trigger.id)} twice`, ["triggers", i, "id"], trigger.id);
    seen.add(trigger.id);
    return trigger;
  });
}
