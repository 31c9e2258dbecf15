import type { Channel } from "./Channel.js";
import type { JourneyStage } from "./JourneyStage.js";
import type { Persona } from "./Persona.js";
import type { Touchpoint } from "./Touchpoint.js";

/**
 * A customer-journey map as plain, JSON-serialisable data: stages,
 * personas, the touchpoints (and any channels beyond the defaults), and for
 * each stage × persona cell what the customer meets, wants, feels and
 * struggles with, and the KPIs that judge the stage. Check one with
 * {@link validateJourneyMap}.
 */
export interface JourneyMap {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly stages: readonly JourneyStage[];
  readonly personas: readonly Persona[];
  /** Channels in addition to the {@link defaultChannels}. */
  readonly channels?: readonly Channel[];
  readonly touchpoints: readonly Touchpoint[];
  readonly cells: readonly JourneyMapCell[];
}

/** One stage × persona cell of a {@link JourneyMap}. */
export interface JourneyMapCell {
  readonly stage: string;
  readonly persona: string;
  /** Touchpoint ids met in this cell. */
  readonly touchpoints: readonly string[];
  readonly goals: readonly string[];
  readonly emotions: readonly JourneyEmotion[];
  readonly painPoints: readonly string[];
  readonly kpis: readonly JourneyKpi[];
}

/** An expected emotion, with valence in [−1, 1] (−1 frustrated … +1 delighted) for an emotion curve. */
export interface JourneyEmotion {
  readonly label: string;
  readonly valence: number;
}

/** A KPI that judges a stage, e.g. `{ id: "cr", name: "Checkout conversion", metric: "conversionRate", target: 0.03, direction: "higher" }`. */
export interface JourneyKpi {
  readonly id: string;
  readonly name: string;
  /** Name of the engagekit metric or a custom metric key. */
  readonly metric: string;
  readonly target?: number;
  readonly direction?: "higher" | "lower";
}
