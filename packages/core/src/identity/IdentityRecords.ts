import type { Interaction } from "../journey/Interaction.js";
import type { IdentifierRef } from "./IdentifierRef.js";

/** A merge of two profiles, recorded so it can be explained and undone. */
export interface MergeRecord {
  /** Stable id: `"m<observation>.<position>"`. */
  readonly id: string;
  /** Index of the observation (0-based, in arrival order) that caused it. */
  readonly observation: number;
  readonly source?: string;
  readonly at?: number;
  /** The identifier pair whose link joined the profiles. */
  readonly via: readonly [IdentifierRef, IdentifierRef];
  /** Profile ids just before the merge: [the anchor's, the absorbed one's]. */
  readonly profiles: readonly [string, string];
  /** True once {@link IdentityGraph.unmerge} undid it. */
  readonly undone: boolean;
}

/** A link the graph refused to make. */
export interface RefusedLink {
  readonly observation: number;
  readonly identifier: IdentifierRef;
  /** `limit`: the merge would exceed a per-kind limit; `blocked`: a blocked value; `unmerged`: undone by an unmerge. */
  readonly reason: "limit" | "blocked" | "unmerged";
  /** For `limit`, the kind whose limit would be exceeded. */
  readonly kind?: string;
}

/** Result of {@link IdentityGraph.observe}. */
export interface ObserveResult {
  readonly profileId: string;
  readonly merges: readonly MergeRecord[];
  readonly refused: readonly RefusedLink[];
}

/** A stitched customer profile. */
export interface IdentityProfile {
  /** `"kind:value"` of its most trusted identifier (ties: the first seen). */
  readonly id: string;
  readonly primary: IdentifierRef;
  /** In first-seen order. */
  readonly identifiers: readonly IdentifierRef[];
  /** Interactions added through {@link IdentityGraph.addInteraction}, in insertion order. */
  readonly interactions: readonly Interaction[];
}
