import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { EngagementModel } from "./EngagementModel.js";
import { validateEngagementModel, type EngagementModelContext } from "./validateEngagementModel.js";

/** The fields a revision may change: everything but `id` and `version`. */
export type EngagementModelChanges = Partial<Omit<EngagementModel, "id" | "version">>;

const FN = "reviseEngagementModel";

/**
 * A new version of an engagement model: `previous` with `changes` applied,
 * `version` = `previous.version + 1`, checked by
 * {@link validateEngagementModel} (with `context`, as for a new model).
 * Assignments record the version they used, so a revision never rewrites
 * history: the previous version stays valid data.
 *
 * - `id` and `version` cannot be changed: `changes` may carry them only with
 *   the previous's own values (so a whole model can be passed back), anything
 *   else throws `MODEL.INVALID` at `["changes", "id"]` / `["changes", "version"]`;
 * - a change is a field whose value differs from the previous's by deep
 *   (structural, JSON-like) equality; when no field changes, `previous` itself
 *   is returned, unchanged and not re-versioned — revising is idempotent on a
 *   no-op, so a save with nothing new does not mint a version;
 * - a field set to `undefined` is ignored, so the optional `description`
 *   cannot be removed by a revision (validate a new object without it instead).
 *
 * @throws {InputError} `MODEL.INVALID` / `MODEL.UNKNOWN_REFERENCE` from validation of the result, with its path
 * @category Models
 * @example
 * const v2 = reviseEngagementModel(catalogModel("csm"), { cadence: { period: "month", target: 2, cap: 6 } });
 * [v2.id, v2.version] // => ["csm", 2]
 * reviseEngagementModel(v2, { name: v2.name }) === v2 // => true
 */
export function reviseEngagementModel(previous: EngagementModel, changes: EngagementModelChanges, context: EngagementModelContext = {}): EngagementModel {
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires an object of changes, got ${describe(changes)}`, ["changes"], changes);
  }
  const given = changes as Readonly<Record<string, unknown>>;
  const before = previous as unknown as Readonly<Record<string, unknown>>;
  for (const key of ["id", "version"] as const) {
    if (given[key] !== undefined && given[key] !== before[key]) {
      const path = ["changes", key];
      throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires ${key} to stay ${describe(before[key])} at ${formatPath(path)}, got ${describe(given[key])}`, path, given[key]);
    }
  }
  const next: Record<string, unknown> = { ...before };
  let changed = false;
  for (const [key, value] of Object.entries(given)) {
    if (key === "id" || key === "version" || value === undefined) continue;
    if (!deepEqual(value, before[key])) changed = true;
    next[key] = value;
  }
  if (!changed) return previous;
  next["version"] = previous.version + 1;
  return validateEngagementModel(next, context);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(ra[k], rb[k]));
}
