import type { Interval } from "../stats/Interval.js";
import type { FunnelMode } from "./FunnelDefinition.js";

/** Output of {@link computeFunnel} / {@link computeFunnelColumnar}. */
export interface FunnelResult {
  readonly mode: FunnelMode;
  readonly windowMs: number;
  /** Distinct customers in the log (entered or not). */
  readonly customers: number;
  /** Customers who reached step 1 (= `steps[0].count`). */
  readonly entered: number;
  readonly steps: readonly FunnelStepResult[];
  /** Time from step 1 to the last step for converted customers, ms; null when nobody converted. */
  readonly timeToConvert: DurationSummary | null;
  /** Present when a breakdown was asked for: one funnel per group, largest first. */
  readonly breakdown?: readonly FunnelBreakdownGroup[];
}

/** One step of a {@link FunnelResult}. */
export interface FunnelStepResult {
  readonly id: string;
  readonly name: string;
  /** Customers who reached this step. */
  readonly count: number;
  /** count / previous count, in [0, 1]; 1 for step 1; null when the previous count is 0. */
  readonly conversionFromPrevious: number | null;
  readonly conversionFromPreviousInterval: Interval | null;
  /** count / entered, in [0, 1]; null when nobody entered. */
  readonly conversionFromStart: number | null;
  readonly conversionFromStartInterval: Interval | null;
  /** previous count − count (0 for step 1). */
  readonly dropOff: number;
  /** 1 − conversionFromPrevious; null when the previous count is 0. */
  readonly dropOffRate: number | null;
  /** Time from the attempt's step-1 event to the first time this step was reached, ms. */
  readonly timeFromStart: DurationSummary | null;
}

/** Median and 90th percentile (Hyndman–Fan type 7) of durations in ms. */
export interface DurationSummary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
}

/** One group of a funnel breakdown. */
export interface FunnelBreakdownGroup {
  readonly key: string;
  readonly entered: number;
  readonly steps: readonly FunnelStepResult[];
  readonly timeToConvert: DurationSummary | null;
}
