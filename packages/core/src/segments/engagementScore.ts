import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import { DAY_MS } from "./_internal/time.js";
import { defaultEngagementWeights, type EngagementEvent, type EngagementScoreConfig } from "./EngagementScoreConfig.js";

/** An engagement score with its contribution per interaction type. */
export interface EngagementScore {
  /** Σ contributions, at `asOf`. */
  readonly score: number;
  /** Decayed points per interaction type (they sum to `score`). */
  readonly contributions: Readonly<Record<string, number>>;
  readonly asOf: number;
}

/** Weight and half-life (ms) of one event under a config; validates both. */
export function eventParameters(fn: string, e: EngagementEvent, config: EngagementScoreConfig, path: readonly (string | number)[]): { weight: number; halfLife: number } {
  const weight = e.weight ?? config.weights?.[e.type] ?? (config.weights === undefined ? defaultEngagementWeights[e.type] : undefined) ?? config.defaultWeight ?? 1;
  assertFinite(fn, weight, [...path, "weight"]);
  const days = config.halfLifeDaysByType?.[e.type] ?? (e.channel === undefined ? undefined : config.halfLifeDaysByChannel?.[e.channel]) ?? config.defaultHalfLifeDays ?? 30;
  if (!(typeof days === "number" && days > 0 && Number.isFinite(days))) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a positive finite half-life in days for ${e.type}, got ${String(days)}`, ["config", "halfLifeDays"], days);
  }
  assertFinite(fn, e.at, [...path, "at"]);
  return { weight, halfLife: days * DAY_MS };
}

/**
 * Engagement score: interactions weighted by type and decayed exponentially
 * with age, so it falls with time even when nothing happens.
 *
 * Definition: score(now) = Σₑ wₑ · 2^(−(now − tₑ) / hₑ) over events with tₑ ≤ now,
 * where wₑ is the event's weight (else its type's, else `defaultWeight`) and hₑ
 * the half-life of its type, else of its channel, else the default (30 days).
 * An event's contribution halves every half-life. Events after `now` are ignored.
 *
 * Source: exponential time-decay scoring as in lead/engagement scoring practice
 * (e.g. HubSpot "score decay"); the half-life parameterisation is the standard
 * radioactive-decay form N(t) = N₀ · 2^(−t/h).
 *
 * Range: in [Σ min(w, 0), Σ max(w, 0)]; 0 for no events (an empty history has
 * no engagement, which is a real 0, not a missing score). Complexity: O(events).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad time, weight or now; `METRIC.INVALID_OPTION` for a half-life ≤ 0
 * @category Engagement
 * @example
 * engagementScore([{ type: "purchase", at: 0 }], 30 * 86400000).score // => 2.5 (weight 5, one 30-day half-life)
 */
export function engagementScore(events: readonly EngagementEvent[], now: number, config: EngagementScoreConfig = {}): EngagementScore {
  assertFinite("engagementScore", now, ["now"]);
  const contributions: Record<string, number> = {};
  let score = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as EngagementEvent;
    const { weight, halfLife } = eventParameters("engagementScore", e, config, ["events", i]);
    if (e.at > now) continue;
    const c = weight * Math.pow(2, -(now - e.at) / halfLife);
    contributions[e.type] = (contributions[e.type] ?? 0) + c;
    score += c;
  }
  return { score, contributions, asOf: now };
}
