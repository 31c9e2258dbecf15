import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertFinite } from "../_internal/assert.js";
import { zCritical } from "../stats/zCritical.js";
import type { Interval } from "../stats/Interval.js";

/** One step of a Kaplan–Meier curve, at a time with at least one event. */
export interface SurvivalStep {
  readonly time: number;
  /** Subjects still at risk just before `time`. */
  readonly atRisk: number;
  /** Events (e.g. churns) at `time`. */
  readonly events: number;
  /** Censored at `time` (counted at risk at `time`, gone after). */
  readonly censored: number;
  /** Ŝ(time), the probability of surviving past `time`. */
  readonly survival: number;
  /** Greenwood standard error of Ŝ(time). */
  readonly standardError: number;
  /** Log-log interval (stays inside [0, 1]); null where Ŝ is 0 or 1. */
  readonly interval: Interval | null;
}

/** A Kaplan–Meier estimate. */
export interface KaplanMeier {
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  readonly steps: readonly SurvivalStep[];
  /** Ŝ at any time t ≥ 0 (a right-continuous step function). */
  survivalAt(t: number): number;
  /** Smallest event time with Ŝ ≤ 0.5, or null when the curve never reaches it. */
  readonly medianSurvival: number | null;
}

/**
 * Kaplan–Meier survival with right-censoring, e.g. time to churn where
 * customers still active at the cut-off are censored, not churned.
 *
 * Definition: at the ordered event times tᵢ with nᵢ at risk and dᵢ events,
 * Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ). Greenwood's variance
 * Var Ŝ(t) = Ŝ(t)² Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ)); the interval is the
 * log-log (Kalbfleisch–Prentice) one, exp(−exp(log(−log Ŝ) ± z·σ)) with
 * σ = √(Σ dᵢ / (nᵢ(nᵢ − dᵢ))) / |log Ŝ|, which never leaves [0, 1].
 * Censored subjects at an event time are at risk at it (the usual convention).
 *
 * Source: E. L. Kaplan & P. Meier (1958), JASA 53(282), 457–481;
 * M. Greenwood (1926); Klein & Moeschberger (2003), Survival Analysis, §4.2.
 *
 * Range: Ŝ is non-increasing from 1 towards 0; with no censoring it equals
 * the plain share still surviving. Complexity: O(n log n).
 *
 * @param times - follow-up times, finite and ≥ 0
 * @param events - 1 (or true) for an event, 0 (false) for censored, same length
 * @throws {InputError} `METRIC.EMPTY_SAMPLE`; `METRIC.INCONSISTENT` for lengths that differ;
 *   `METRIC.NOT_FINITE` / `METRIC.OUT_OF_RANGE` for a bad time, with its position
 * @category Retention
 * @example
 * // 6-MP arm of Freireich et al. (1963), * = censored: 6 6 6 6* 7 9* 10 10* 11* 13 16 …
 * kaplanMeier(times, events).steps[0] // => { time: 6, atRisk: 21, events: 3, survival: 0.857…, standardError: 0.0764…, … }
 */
export function kaplanMeier(times: readonly number[], events: readonly (number | boolean)[], confidence = 0.95): KaplanMeier {
  const fn = "kaplanMeier";
  assertConfidence(fn, confidence);
  const n = times.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one subject`, ["times"], 0);
  if (events.length !== n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires as many event flags as times, got ${events.length} for ${n}`, ["events"], events.length);
  const order = Array.from({ length: n }, (_, i) => i);
  times.forEach((t, i) => {
    assertFinite(fn, t, ["times", i]);
    if (t < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires non-negative times, got ${t} at times[${i}]`, ["times", i], t);
  });
  order.sort((a, b) => (times[a] as number) - (times[b] as number));
  const z = zCritical(confidence);
  const steps: SurvivalStep[] = [];
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  let totalEvents = 0;
  for (let k = 0; k < n; ) {
    const t = times[order[k] as number] as number;
    let d = 0;
    let c = 0;
    while (k < n && times[order[k] as number] === t) {
      const e = events[order[k] as number];
      if (e === 1 || e === true) d++;
      else c++;
      k++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood += atRisk === d ? Number.POSITIVE_INFINITY : d / (atRisk * (atRisk - d));
      totalEvents += d;
      const se = Number.isFinite(greenwood) ? s * Math.sqrt(greenwood) : 0;
      let interval: Interval | null = null;
      if (s > 0 && s < 1 && Number.isFinite(greenwood)) {
        const sigma = Math.sqrt(greenwood) / Math.abs(Math.log(s));
        const ll = Math.log(-Math.log(s));
        interval = { lower: Math.exp(-Math.exp(ll + z * sigma)), upper: Math.exp(-Math.exp(ll - z * sigma)), level: confidence, method: "greenwood" };
      }
      steps.push({ time: t, atRisk, events: d, censored: c, survival: s, standardError: se, interval });
    }
    atRisk -= d + c;
  }
  const median = steps.find((st) => st.survival <= 0.5)?.time ?? null;
  return {
    n,
    events: totalEvents,
    censored: n - totalEvents,
    steps,
    medianSurvival: median,
    survivalAt(t: number): number {
      let value = 1;
      for (const st of steps) {
        if (st.time > t) break;
        value = st.survival;
      }
      return value;
    },
  };
}
