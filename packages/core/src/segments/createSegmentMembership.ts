import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { TreeCompiler } from "./_internal/compileTree.js";
import { assertValidSegment } from "./_internal/assertValidSegment.js";
import type { NextChange, ProfilePredicate } from "./ConditionKind.js";
import type { Profile } from "./Profile.js";
import { profileChangeKey, type ProfileChange } from "./ProfileChange.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentOptions } from "./SegmentOptions.js";
import { registryOf } from "./_internal/registryOf.js";
import { conditionHistoryWindows, type HistoryWindows } from "./historyWindows.js";

/**
 * One customer's membership state, owned by the caller (store it with the
 * profile). `member[i]` is 1 when the customer is in segment i of
 * `segmentIds`; `due[k]` is the time from which the k-th time-dependent segment
 * must be re-evaluated even without events (only those segments take space); `nextCheckAt` = min(due): schedule the customer's next
 * `expire` call then.
 */
export interface MembershipState {
  readonly member: Uint8Array;
  /** Due times of the time-dependent segments only, in the order of `SegmentMembership.timedSegments`. */
  readonly due: Float64Array;
  nextCheckAt: number;
}

/** Segments entered and exited by one update. */
export interface MembershipDelta {
  readonly entered: readonly string[];
  readonly exited: readonly string[];
  /** The customer's next check time after the update (`Infinity` when nothing is time-dependent). */
  readonly nextCheckAt: number;
}

/** A compiled set of segments with a dependency index, for event-by-event membership. */
export interface SegmentMembership {
  readonly segmentIds: readonly string[];
  /** Indices of the segments with time-dependent conditions (the order of `state.due`). */
  readonly timedSegments: readonly number[];
  /** Full evaluation of every segment: the reference the incremental path must agree with. */
  evaluate(profile: Profile, now: number): MembershipState;
  /**
   * Applies one change: `profile` is the profile after the change. Re-evaluates
   * only the segments whose conditions depend on it, plus those whose due time
   * has passed, and mutates `state`.
   */
  update(state: MembershipState, profile: Profile, change: ProfileChange, now: number): MembershipDelta;
  /** Re-evaluates the segments whose due time is ≤ now (call at `state.nextCheckAt`). */
  expire(state: MembershipState, profile: Profile, now: number): MembershipDelta;
  /** Indices of the segments a change can affect. */
  affectedBy(change: ProfileChange): readonly number[];
  /**
   * How far back these segments (and those they reference) read each
   * interaction type's times: a store may keep only those (see
   * {@link HistoryWindows}); a wider window after an edit means the stored
   * times must be rebuilt from the history.
   */
  readonly historyWindows: HistoryWindows;
}

const NONE = new Int32Array(0);

function dueOf(fns: readonly NextChange[]): ((p: Profile, now: number) => number) | undefined {
  if (fns.length === 0) return undefined;
  if (fns.length === 1) return fns[0];
  return (p, now) => {
    let m = Infinity;
    for (const f of fns) {
      const t = f(p, now);
      if (t < m) m = t;
    }
    return m;
  };
}

/**
 * Compiles segments for incremental membership.
 *
 * Dependency index: every leaf declares keys (`trait:<field>`,
 * `interaction:<type>`, `value:<metric>`, `tier`, `consent:<purpose>`, or a custom
 * kind's key; `inSegment` contributes the referenced segment's keys). A change
 * maps to one key and only the segments indexed under it (plus those declaring
 * `*`) are re-evaluated — O(affected + time-dependent segments) per event, independent of the number of
 * customers, since the state is per customer and owned by the caller.
 *
 * Time-based conditions (relative dates, windowed counts) expire through a
 * next-check time per customer: each time-dependent leaf reports the earliest
 * time its value can change with no new event (it is constant on [now, due));
 * a segment's due time is the minimum over its time-dependent leaves (a
 * conservative bound: a leaf may change without flipping the segment), and
 * `state.nextCheckAt` is the minimum over segments. Any `update` or `expire` at
 * `now ≥ due` re-evaluates that segment. So after calling `expire` at
 * `nextCheckAt` (or any update at a later time) the state equals
 * `evaluate(profile, now)` — the property the tests check on random event
 * sequences.
 *
 * @throws {InputError} the first validation issue of any definition; `SEGMENT.INVALID` for duplicate ids
 * @category Segments
 * @example
 * const m = createSegmentMembership([{ id: "buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } }]);
 * const s = m.evaluate({ id: "c", traits: {}, interactions: {} }, 0);
 * m.update(s, { id: "c", traits: {}, interactions: { purchase: { count: 1, first: 5, last: 5 } } }, { kind: "interaction", interaction: "purchase" }, 5).entered
 * // => ["buyers"]
 */
export function createSegmentMembership(definitions: readonly SegmentDefinition[], options: SegmentOptions = {}): SegmentMembership {
  const all = [...(options.segments ?? []).filter((s) => !definitions.some((d) => d.id === s.id)), ...definitions];
  const seen = new Set<string>();
  for (const [i, d] of definitions.entries()) {
    if (seen.has(d.id)) throw new InputError(ErrorCodes.SEGMENT_INVALID, `createSegmentMembership requires distinct segment ids, got ${d.id} twice`, ["definitions", i, "id"], d.id);
    seen.add(d.id);
  }
  const withSegments = { ...options, segments: all };
  for (const d of definitions) assertValidSegment("createSegmentMembership", d, withSegments);
  const compiler = new TreeCompiler(registryOf(options), all);
  const n = definitions.length;
  const ids = definitions.map((d) => d.id);
  const tests: ProfilePredicate[] = [];
  const dues: (((p: Profile, now: number) => number) | undefined)[] = [];
  const index = new Map<string, number[]>();
  const wildcard: number[] = [];
  definitions.forEach((d, i) => {
    const c = compiler.segment(d);
    tests.push(c.test);
    dues.push(dueOf(c.nextChanges));
    for (const key of c.dependencies) {
      if (key === "*") wildcard.push(i);
      else {
        const list = index.get(key) ?? [];
        list.push(i);
        index.set(key, list);
      }
    }
  });
  const timed: number[] = [];
  const slot = new Int32Array(n).fill(-1);
  dues.forEach((d, i) => {
    if (d !== undefined) {
      slot[i] = timed.length;
      timed.push(i);
    }
  });
  const nTimed = timed.length;
  const affected = new Map<string, Int32Array>();
  for (const [key, list] of index) affected.set(key, Int32Array.from(new Set([...list, ...wildcard])).sort());
  const wild = Int32Array.from(wildcard);

  // Change → affected list without building the key string on the hot path (interactions and traits).
  const byInteraction = new Map<string, Int32Array>();
  const byTrait = new Map<string, Int32Array>();
  for (const [key, list] of affected) {
    if (key.startsWith("interaction:")) byInteraction.set(key.slice(12), list);
    else if (key.startsWith("trait:")) byTrait.set(key.slice(6), list);
  }
  const fallback = wild.length > 0 ? wild : NONE;
  const lookup = (change: ProfileChange): Int32Array => {
    if (change.kind === "interaction") return byInteraction.get(change.interaction) ?? fallback;
    if (change.kind === "trait") return byTrait.get(change.field) ?? fallback;
    return affected.get(profileChangeKey(change)) ?? fallback;
  };
  const reevaluate = (state: MembershipState, i: number, profile: Profile, now: number, entered: string[], exited: string[]): void => {
    const was = state.member[i] === 1;
    const is = (tests[i] as ProfilePredicate)(profile, now);
    if (is !== was) {
      state.member[i] = is ? 1 : 0;
      (is ? entered : exited).push(ids[i] as string);
    }
    const due = dues[i];
    if (due !== undefined) state.due[slot[i] as number] = due(profile, now);
  };
  const minDue = (state: MembershipState): number => {
    let m = Infinity;
    for (let k = 0; k < nTimed; k++) if ((state.due[k] as number) < m) m = state.due[k] as number;
    return m;
  };
  const expireInto = (state: MembershipState, profile: Profile, now: number, entered: string[], exited: string[]): void => {
    if (now < state.nextCheckAt) return;
    for (let k = 0; k < nTimed; k++) if ((state.due[k] as number) <= now) reevaluate(state, timed[k] as number, profile, now, entered, exited);
  };

  return {
    segmentIds: ids,
    timedSegments: timed,
    historyWindows: conditionHistoryWindows(definitions.map((d) => d.condition), registryOf(options), all),
    evaluate(profile, now) {
      const state: MembershipState = { member: new Uint8Array(n), due: new Float64Array(nTimed), nextCheckAt: Infinity };
      const sink: string[] = [];
      for (let i = 0; i < n; i++) reevaluate(state, i, profile, now, sink, sink);
      state.nextCheckAt = minDue(state);
      return state;
    },
    update(state, profile, change, now) {
      const entered: string[] = [];
      const exited: string[] = [];
      const list = lookup(change);
      for (let k = 0; k < list.length; k++) reevaluate(state, list[k] as number, profile, now, entered, exited);
      expireInto(state, profile, now, entered, exited);
      state.nextCheckAt = minDue(state);
      return { entered, exited, nextCheckAt: state.nextCheckAt };
    },
    expire(state, profile, now) {
      const entered: string[] = [];
      const exited: string[] = [];
      expireInto(state, profile, now, entered, exited);
      state.nextCheckAt = minDue(state);
      return { entered, exited, nextCheckAt: state.nextCheckAt };
    },
    affectedBy(change) {
      return Array.from(lookup(change));
    },
  };
}
