import type { ConditionKind, NextChange, ProfilePredicate } from "../ConditionKind.js";
import type { InteractionHistory, Profile } from "../Profile.js";
import { PerformedAtDate, PerformedAtRelative, PerformedCondition, type SegmentConditionOf } from "../SegmentDefinition.js";
import { relativeNextChange } from "./traitKind.js";
import { DAY_MS, upperBound } from "./time.js";

type PerformedNode = SegmentConditionOf<"performed">;
type AtNode = SegmentConditionOf<"firstPerformed" | "lastPerformed">;

const EMPTY: readonly number[] = [];

/** Timestamps in the window (now − d, now]. */
export function countInWindow(h: InteractionHistory | undefined, now: number, d: number): number {
  const times = h?.times ?? EMPTY;
  return upperBound(times, now) - upperBound(times, now - d);
}

function compilePerformed(node: PerformedNode): ProfilePredicate {
  const { interaction, times } = node;
  if (node.withinDays === undefined) {
    // Specialised closures: no inner call on the hot path.
    switch (node.op) {
      case "atLeast":
        return (p) => (p.interactions[interaction]?.count ?? 0) >= times;
      case "atMost":
        return (p) => (p.interactions[interaction]?.count ?? 0) <= times;
      case "exactly":
        return (p) => (p.interactions[interaction]?.count ?? 0) === times;
    }
  }
  const d = node.withinDays * DAY_MS;
  switch (node.op) {
    case "atLeast":
      return (p, now) => countInWindow(p.interactions[interaction], now, d) >= times;
    case "atMost":
      return (p, now) => countInWindow(p.interactions[interaction], now, d) <= times;
    case "exactly":
      return (p, now) => countInWindow(p.interactions[interaction], now, d) === times;
  }
}

/** The windowed count changes when an event leaves the window (t + d) or a future event enters it (t). */
function performedNextChange(node: PerformedNode): NextChange | undefined {
  if (node.withinDays === undefined) return undefined;
  const { interaction } = node;
  const d = node.withinDays * DAY_MS;
  return (p, now) => {
    const times = p.interactions[interaction]?.times ?? EMPTY;
    const leaving = upperBound(times, now - d);
    const arriving = upperBound(times, now);
    const a = leaving < times.length ? (times[leaving] as number) + d : Infinity;
    const b = arriving < times.length ? (times[arriving] as number) : Infinity;
    return Math.min(a, b);
  };
}

/** Performed interaction X at least / at most / exactly N times, optionally within a window. */
export const performedKind: ConditionKind<PerformedNode> = {
  type: "performed",
  schemas: [PerformedCondition],
  compile: compilePerformed,
  nextChange: performedNextChange,
  observe: (node, p, now) => {
    const h = p.interactions[node.interaction];
    return node.withinDays === undefined ? (h?.count ?? 0) : countInWindow(h, now, node.withinDays * DAY_MS);
  },
  dependencies: (node) => [`interaction:${node.interaction}`],
  historyWindows: (node) => (node.withinDays === undefined ? [] : [[node.interaction, node.withinDays * DAY_MS]]),
};

function at(node: AtNode, h: InteractionHistory | undefined): number {
  const t = node.type === "firstPerformed" ? h?.first : h?.last;
  return t === undefined ? Number.NaN : t;
}

function compileAt(node: AtNode): ProfilePredicate {
  const { interaction } = node;
  const first = node.type === "firstPerformed";
  const read = first
    ? (p: Profile) => p.interactions[interaction]?.first ?? Number.NaN
    : (p: Profile) => p.interactions[interaction]?.last ?? Number.NaN;
  switch (node.op) {
    case "before": {
      const x = Date.parse(node.value);
      return (p) => read(p) < x;
    }
    case "after": {
      const x = Date.parse(node.value);
      return (p) => read(p) > x;
    }
    case "withinLast": {
      const d = node.days * DAY_MS;
      return (p, now) => {
        const t = read(p);
        return t <= now && now < t + d;
      };
    }
    case "moreThanAgo": {
      const d = node.days * DAY_MS;
      return (p, now) => now >= read(p) + d;
    }
  }
}

function atNextChange(node: AtNode): NextChange | undefined {
  if (node.op !== "withinLast" && node.op !== "moreThanAgo") return undefined;
  const op = node.op;
  const d = node.days * DAY_MS;
  return (p, now) => relativeNextChange(op, d, at(node, p.interactions[node.interaction]), now);
}

function atKind(type: AtNode["type"]): ConditionKind<AtNode> {
  return {
    type,
    schemas: [PerformedAtDate, PerformedAtRelative],
    compile: compileAt,
    nextChange: atNextChange,
    observe: (node, p) => {
      const t = at(node, p.interactions[node.interaction]);
      return Number.isNaN(t) ? null : new Date(t).toISOString();
    },
    dependencies: (node) => [`interaction:${node.interaction}`],
    // First and last only, never the times.
    historyWindows: () => [],
  };
}

/** First time X was performed is before / after a date or within / more than N days ago. */
export const firstPerformedKind: ConditionKind<AtNode> = atKind("firstPerformed");
/** Last time X was performed is before / after a date or within / more than N days ago. */
export const lastPerformedKind: ConditionKind<AtNode> = atKind("lastPerformed");
