import { ErrorCodes } from "../../errors/codes.js";
import type { ConditionKind, ProfilePredicate } from "../ConditionKind.js";
import type { LadderTier, Profile } from "../Profile.js";
import { LadderTierCondition, RfmSegmentCondition, ValueBetween, ValueCompare, type SegmentConditionOf } from "../SegmentDefinition.js";
import type { SegmentIssue } from "../SegmentIssue.js";
import { issue } from "./issue.js";

type ValueNode = SegmentConditionOf<"value">;
type RfmNode = SegmentConditionOf<"rfmSegment">;
type TierNode = SegmentConditionOf<"ladderTier">;

/** Reads a metric from `profile.values`; NaN when absent (every comparison with NaN is false). */
export function metricReader(metric: string): (p: Profile) => number {
  switch (metric) {
    case "clv":
      return (p) => p.values?.clv ?? Number.NaN;
    case "pAlive":
      return (p) => p.values?.pAlive ?? Number.NaN;
    case "lastNps":
      return (p) => p.values?.lastNps ?? Number.NaN;
    case "engagementScore":
      return (p) => p.values?.engagementScore ?? Number.NaN;
    case "rfm.r":
      return (p) => p.values?.rfm?.r ?? Number.NaN;
    case "rfm.f":
      return (p) => p.values?.rfm?.f ?? Number.NaN;
    case "rfm.m":
      return (p) => p.values?.rfm?.m ?? Number.NaN;
    default: {
      const name = metric.slice("metrics.".length);
      return (p) => p.values?.metrics?.[name] ?? Number.NaN;
    }
  }
}

/** The change key of a metric: "value:rfm" for the RFM scores and segment, else "value:<metric>". */
export function metricKey(metric: string): string {
  return metric.startsWith("rfm.") ? "value:rfm" : `value:${metric}`;
}

const DOMAIN: Readonly<Record<string, readonly [number, number]>> = {
  pAlive: [0, 1],
  lastNps: [0, 10],
  "rfm.r": [1, 5],
  "rfm.f": [1, 5],
  "rfm.m": [1, 5],
};

function checkValue(node: ValueNode, path: readonly (string | number)[]): SegmentIssue[] {
  const out: SegmentIssue[] = [];
  const domain = DOMAIN[node.metric];
  const thresholds: [string, number][] = node.op === "between" ? [["min", node.min], ["max", node.max]] : [["value", node.value]];
  if (domain !== undefined) {
    for (const [key, x] of thresholds) {
      if (x < domain[0] || x > domain[1]) out.push(issue(ErrorCodes.SEGMENT_INVALID_VALUE, [...path, key], `a ${node.metric} threshold in [${domain[0]}, ${domain[1]}]`, x));
    }
  }
  if (node.op === "between" && node.min > node.max) out.push(issue(ErrorCodes.SEGMENT_INVALID_VALUE, [...path, "max"], `max ≥ min (${node.min})`, node.max));
  return out;
}

function compileValue(node: ValueNode): ProfilePredicate {
  const read = metricReader(node.metric);
  switch (node.op) {
    case "gt": {
      const x = node.value;
      return (p) => read(p) > x;
    }
    case "gte": {
      const x = node.value;
      return (p) => read(p) >= x;
    }
    case "lt": {
      const x = node.value;
      return (p) => read(p) < x;
    }
    case "lte": {
      const x = node.value;
      return (p) => read(p) <= x;
    }
    case "equals": {
      const x = node.value;
      return (p) => read(p) === x;
    }
    case "between": {
      const { min, max } = node;
      return (p) => {
        const v = read(p);
        return v >= min && v <= max;
      };
    }
  }
}

/** Thresholds on model outputs and metrics: CLV, P(alive), last NPS, RFM scores, engagement score, named metrics. */
export const valueKind: ConditionKind<ValueNode> = {
  type: "value",
  schemas: [ValueCompare, ValueBetween],
  check: checkValue,
  compile: compileValue,
  observe: (node, p) => {
    const v = metricReader(node.metric)(p);
    return Number.isNaN(v) ? null : v;
  },
  dependencies: (node) => [metricKey(node.metric)],
};

/** The profile's named RFM segment is one of a list. */
export const rfmSegmentKind: ConditionKind<RfmNode> = {
  type: "rfmSegment",
  schemas: [RfmSegmentCondition],
  check: (node, path, context) => {
    const known = context.rfmSegmentNames;
    if (known === undefined) return [];
    return node.segments.flatMap((s, i) =>
      known.includes(s) ? [] : [issue(ErrorCodes.SEGMENT_INVALID_VALUE, [...path, "segments", i], `a known RFM segment (${known.join(", ")})`, s)],
    );
  },
  compile: (node) => {
    const set = new Set<string | undefined>(node.segments);
    return (p) => {
      const s = p.values?.rfm?.segment;
      return s !== undefined && set.has(s);
    };
  },
  observe: (_node, p) => p.values?.rfm?.segment ?? null,
  dependencies: () => ["value:rfm"],
};

/** Ladder tiers in order. */
export const TIER_RANK: Readonly<Record<LadderTier, number>> = { passive: 0, active: 1, advocate: 2 };

/** The engagement-ladder tier is / is at least / is at most a tier; a profile without a tier is passive. */
export const ladderTierKind: ConditionKind<TierNode> = {
  type: "ladderTier",
  schemas: [LadderTierCondition],
  compile: (node) => {
    const k = TIER_RANK[node.tier];
    switch (node.op) {
      case "is":
        return (p) => TIER_RANK[p.tier ?? "passive"] === k;
      case "atLeast":
        return (p) => TIER_RANK[p.tier ?? "passive"] >= k;
      case "atMost":
        return (p) => TIER_RANK[p.tier ?? "passive"] <= k;
    }
  },
  observe: (_node, p) => p.tier ?? "passive",
  dependencies: () => ["tier"],
};
