/**
 * A customer's stage inference frozen at a point in time, so that later
 * interactions can be folded in without the history before it (see
 * {@link advanceJourneyStages}). Plain JSON: store it beside the customer.
 *
 * @category Journey
 */
export interface JourneyStageState {
  /** Current stage id; null before the first interaction. */
  readonly stage: string | null;
  /** When the current stage was entered (epoch ms); null with no stage. */
  readonly since: number | null;
  /** Interactions counted toward each rule's `minCount` since the last demotion, by rule index. */
  readonly counts: readonly number[];
  /** Last activity counted by each lapse rule (epoch ms), by lapse index; null for none yet. */
  readonly lastActivity: readonly (number | null)[];
  /** The time the state is final up to: its last interaction, or the `asOf` it was advanced to when later. Later interactions must not be older. */
  readonly asOf: number;
  /** Fingerprint of the stage rules the state was computed with; a state is only resumed under the same rules. */
  readonly rules: string;
}
