import type { InputPath } from "../errors/InputError.js";
import type { TSchema } from "./schemaBuilder.js";
import type { Profile } from "./Profile.js";
import type { SegmentIssue } from "./SegmentIssue.js";

/** A compiled leaf: a pure function of the profile and the evaluation time (epoch ms). */
export type ProfilePredicate = (profile: Profile, now: number) => boolean;

/**
 * For a time-dependent leaf: the earliest time τ > now at which its value may
 * differ from its value at `now` if the profile does not change (`Infinity` when
 * it never will). The leaf's value is constant on [now, τ).
 */
export type NextChange = (profile: Profile, now: number) => number;

/** The declared type of a trait, used to reject conditions that cannot apply to it. */
export type TraitType = "string" | "number" | "boolean" | "date" | "list";

/** What a kind's semantic check may consult. */
export interface ConditionCheckContext {
  /** Declared trait types; a trait condition whose operator does not fit is a `SEGMENT.TYPE_MISMATCH`. */
  readonly traitTypes?: Readonly<Record<string, TraitType>>;
  /** Names of RFM segments that exist (default: those of the default grid). */
  readonly rfmSegmentNames?: readonly string[];
}

/**
 * One kind of leaf condition, as registered in a {@link ConditionRegistry}. The
 * built-in trait, behavioural, value, ladder and consent conditions are kinds;
 * integrators add their own with `registerConditionKind`.
 *
 * Methods are declared as methods (bivariant parameters) so a kind typed for its
 * own node can be stored beside others.
 */
export interface ConditionKind<N extends { readonly type: string } = { readonly type: string }> {
  /** The `type` discriminator of the nodes this kind handles. */
  readonly type: string;
  /** JSON Schema of every node variant (objects with `type` and usually `op` constants). */
  readonly schemas: readonly TSchema[];
  /** Semantic checks beyond the schema (ranges, unsafe regexes, trait types); `path` is the node's path. */
  check?(node: N, path: InputPath, context: ConditionCheckContext): readonly SegmentIssue[];
  /** Builds the predicate once; it must not walk the node per call. */
  compile(node: N): ProfilePredicate;
  /** For time-dependent nodes, the next-change function (see {@link NextChange}); undefined otherwise. */
  nextChange?(node: N): NextChange | undefined;
  /** The value(s) the node looked at, for explanations. */
  observe(node: N, profile: Profile, now: number): unknown;
  /** Dependency keys ("trait:plan", "interaction:purchase", …) whose change may flip the node; "*" for any change. */
  dependencies(node: N): readonly string[];
  /**
   * The interaction `times` the node reads, as [type, window ms] pairs (empty
   * when it reads only counts, first and last). Stores may drop older times
   * (see `HistoryWindows`). When absent, the node is assumed to read every
   * time of each interaction type it depends on.
   */
  historyWindows?(node: N): readonly (readonly [string, number])[];
}
