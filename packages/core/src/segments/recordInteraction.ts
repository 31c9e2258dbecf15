import { assertFinite } from "../_internal/assert.js";
import type { Profile } from "./Profile.js";
import { DAY_MS, upperBound } from "./_internal/time.js";

/** Options of {@link recordInteraction}. */
export interface RecordInteractionOptions {
  /** Drop timestamps older than this many days before `at` (keep at least the longest window in use). Default: keep all. */
  readonly keepDays?: number;
}

/**
 * Returns the profile with one more interaction of `type` at `at` (epoch ms):
 * count + 1, first/last updated, the timestamp inserted in order. Pure: the
 * input profile is not modified. Pair it with
 * `membership.update(state, next, { kind: "interaction", interaction: type }, now)`.
 *
 * Complexity: O(k) for k stored timestamps of that type.
 *
 * @throws {InputError} `METRIC.NOT_FINITE` when `at` is not a finite number
 * @category Segments
 * @example
 * recordInteraction({ id: "c", traits: {}, interactions: {} }, "purchase", 1000).interactions.purchase
 * // => { count: 1, first: 1000, last: 1000, times: [1000] }
 */
export function recordInteraction(profile: Profile, type: string, at: number, options: RecordInteractionOptions = {}): Profile {
  assertFinite("recordInteraction", at, ["at"]);
  const h = profile.interactions[type];
  const times = [...(h?.times ?? [])];
  times.splice(upperBound(times, at), 0, at);
  const kept = options.keepDays === undefined ? times : times.slice(upperBound(times, at - options.keepDays * DAY_MS - 1));
  const first = h?.first === undefined ? at : Math.min(h.first, at);
  const last = h?.last === undefined ? at : Math.max(h.last, at);
  return {
    ...profile,
    interactions: { ...profile.interactions, [type]: { count: (h?.count ?? 0) + 1, first, last, times: kept } },
  };
}
