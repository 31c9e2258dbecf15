import { InputError } from "../errors/InputError.js";
import { ErrorCodes } from "../errors/codes.js";
import { assertFinite } from "../_internal/assert.js";
import type { EngagementEvent, EngagementScoreConfig } from "./EngagementScoreConfig.js";
import { eventParameters, type EngagementScore } from "./engagementScore.js";

/**
 * Running engagement-score state: decayed points per (type, half-life) at
 * `asOf`. O(types) memory, whatever the number of events.
 */
export interface EngagementAccumulator {
  readonly asOf: number;
  readonly buckets: readonly { readonly type: string; readonly halfLife: number; readonly value: number }[];
}

function decay(acc: EngagementAccumulator, now: number): EngagementAccumulator {
  if (now === acc.asOf) return acc;
  return { asOf: now, buckets: acc.buckets.map((b) => ({ ...b, value: b.value * Math.pow(2, -(now - acc.asOf) / b.halfLife) })) };
}

/**
 * Adds one event to a running engagement score, for event-by-event updates.
 * Events must arrive in time order (at ≥ asOf); the state is decayed to the
 * event's time first. Agrees with {@link engagementScore} over the same events.
 *
 * @throws {InputError} `METRIC.INCONSISTENT` for an event older than the state; as engagementScore for bad values
 * @category Engagement
 * @example
 * const acc = addEngagementEvent(undefined, { type: "purchase", at: 0 });
 * engagementScoreAt(acc, 30 * 86400000).score // => 2.5
 */
export function addEngagementEvent(acc: EngagementAccumulator | undefined, event: EngagementEvent, config: EngagementScoreConfig = {}): EngagementAccumulator {
  const { weight, halfLife } = eventParameters("addEngagementEvent", event, config, ["event"]);
  const base = acc === undefined ? { asOf: event.at, buckets: [] } : acc;
  if (event.at < base.asOf) {
    throw new InputError(ErrorCodes.INCONSISTENT, `addEngagementEvent requires events in time order, got ${event.at} before ${base.asOf}`, ["event", "at"], event.at);
  }
  const now = decay(base, event.at);
  const i = now.buckets.findIndex((b) => b.type === event.type && b.halfLife === halfLife);
  const buckets = [...now.buckets];
  if (i < 0) buckets.push({ type: event.type, halfLife, value: weight });
  else buckets[i] = { ...(buckets[i] as EngagementAccumulator["buckets"][number]), value: (buckets[i]?.value ?? 0) + weight };
  return { asOf: event.at, buckets };
}

/**
 * The running score at `now` ≥ asOf: every bucket decayed by its half-life, so
 * the score falls with time without new events.
 *
 * @throws {InputError} `METRIC.INCONSISTENT` when now < asOf; `METRIC.NOT_FINITE` for a bad now
 * @category Engagement
 * @example
 * engagementScoreAt(addEngagementEvent(undefined, { type: "session", at: 0 }), 60 * 86400000).score // => 0.25
 */
export function engagementScoreAt(acc: EngagementAccumulator, now: number): EngagementScore {
  assertFinite("engagementScoreAt", now, ["now"]);
  if (now < acc.asOf) throw new InputError(ErrorCodes.INCONSISTENT, `engagementScoreAt requires now ≥ asOf (${acc.asOf}), got ${now}`, ["now"], now);
  const d = decay(acc, now);
  const contributions: Record<string, number> = {};
  let score = 0;
  for (const b of d.buckets) {
    contributions[b.type] = (contributions[b.type] ?? 0) + b.value;
    score += b.value;
  }
  return { score, contributions, asOf: now };
}
