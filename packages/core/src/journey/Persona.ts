/**
 * A persona: a named kind of customer with the goals, needs and channels a
 * journey map designs for. A persona may point at a segment (by id) that
 * decides which real customers it describes; the segments area resolves it.
 */
export interface Persona {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly goals: readonly string[];
  readonly needs: readonly string[];
  /** Channel ids, most preferred first. */
  readonly preferredChannels: readonly string[];
  /** Id of the segment whose members this persona describes. */
  readonly segmentId?: string;
}
