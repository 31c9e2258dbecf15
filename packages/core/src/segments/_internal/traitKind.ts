import { ErrorCodes } from "../../errors/codes.js";
import type { InputPath } from "../../errors/InputError.js";
import type { ConditionCheckContext, ConditionKind, NextChange, ProfilePredicate, TraitType } from "../ConditionKind.js";
import type { Profile, TraitValue } from "../Profile.js";
import type { SegmentConditionOf } from "../SegmentDefinition.js";
import {
  TraitBetween,
  TraitCompare,
  TraitContains,
  TraitDateBetween,
  TraitDateCompare,
  TraitEquals,
  TraitExists,
  TraitIn,
  TraitMatches,
  TraitRelativeDate,
} from "../SegmentDefinition.js";
import type { SegmentIssue } from "../SegmentIssue.js";
import { issue } from "./issue.js";
import { regexProblem } from "./regexSafety.js";
import { DAY_MS, toTime } from "./time.js";

type TraitNode = SegmentConditionOf<"trait">;

const OPS_BY_TYPE: Readonly<Record<TraitType, readonly string[]>> = {
  string: ["equals", "in", "contains", "matches", "exists"],
  number: ["equals", "in", "gt", "gte", "lt", "lte", "between", "exists"],
  boolean: ["equals", "in", "exists"],
  date: ["before", "after", "dateBetween", "withinLast", "moreThanAgo", "withinNext", "exists"],
  list: ["contains", "exists"],
};
const PRIMITIVE_OF: Readonly<Record<TraitType, string | undefined>> = { string: "string", number: "number", boolean: "boolean", date: undefined, list: undefined };

function checkTrait(node: TraitNode, path: InputPath, context: ConditionCheckContext): SegmentIssue[] {
  const out: SegmentIssue[] = [];
  const declared = context.traitTypes?.[node.field];
  if (declared !== undefined) {
    if (!OPS_BY_TYPE[declared].includes(node.op)) {
      out.push(issue(ErrorCodes.SEGMENT_TYPE_MISMATCH, [...path, "op"], `an operator for a ${declared} trait (${OPS_BY_TYPE[declared].join(", ")}) on ${node.field}, got ${node.op}`, node.op));
    } else {
      const want = PRIMITIVE_OF[declared];
      if (want !== undefined && node.op === "equals" && typeof node.value !== want) {
        out.push(issue(ErrorCodes.SEGMENT_TYPE_MISMATCH, [...path, "value"], `a ${want} value for the ${declared} trait ${node.field}`, node.value));
      }
      if (want !== undefined && node.op === "in") {
        node.values.forEach((v, i) => {
          if (typeof v !== want) out.push(issue(ErrorCodes.SEGMENT_TYPE_MISMATCH, [...path, "values", i], `a ${want} value for the ${declared} trait ${node.field}`, v));
        });
      }
    }
  }
  if (node.op === "contains" && declared === "string" && typeof node.value !== "string") {
    out.push(issue(ErrorCodes.SEGMENT_TYPE_MISMATCH, [...path, "value"], "a string to look for in a string trait", node.value));
  }
  if (node.op === "between" && node.min > node.max) out.push(issue(ErrorCodes.SEGMENT_INVALID_VALUE, [...path, "max"], `max ≥ min (${node.min})`, node.max));
  if (node.op === "dateBetween" && Date.parse(node.from) > Date.parse(node.to)) {
    out.push(issue(ErrorCodes.SEGMENT_INVALID_VALUE, [...path, "to"], `to on or after from (${node.from})`, node.to));
  }
  if (node.op === "matches") {
    const problem = regexProblem(node.pattern, node.flags ?? "");
    if (problem !== undefined) out.push(issue(ErrorCodes.SEGMENT_UNSAFE_REGEX, [...path, "pattern"], `a safe regular expression (${problem})`, node.pattern));
  }
  return out;
}

function compileTrait(node: TraitNode): ProfilePredicate {
  const field = node.field;
  switch (node.op) {
    case "equals": {
      const value = node.value;
      return (p) => p.traits[field] === value;
    }
    case "in": {
      const set = new Set<unknown>(node.values);
      return (p) => set.has(p.traits[field]);
    }
    case "contains": {
      const value = node.value;
      return (p) => {
        const v = p.traits[field];
        if (typeof v === "string") return typeof value === "string" && v.includes(value);
        return Array.isArray(v) && (v as readonly unknown[]).includes(value);
      };
    }
    case "matches": {
      const re = new RegExp(node.pattern, node.flags ?? "");
      return (p) => {
        const v = p.traits[field];
        return typeof v === "string" && re.test(v);
      };
    }
    case "exists":
      return (p) => {
        const v = p.traits[field];
        return v !== undefined && v !== null;
      };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return numeric(field, node.op, node.value);
    case "between": {
      const { min, max } = node;
      return (p) => {
        const v = p.traits[field];
        return typeof v === "number" && v >= min && v <= max;
      };
    }
    case "before": {
      const x = Date.parse(node.value);
      return (p) => dateOf(p.traits[field]) < x;
    }
    case "after": {
      const x = Date.parse(node.value);
      return (p) => dateOf(p.traits[field]) > x;
    }
    case "dateBetween": {
      const from = Date.parse(node.from);
      const to = Date.parse(node.to);
      return (p) => {
        const t = dateOf(p.traits[field]);
        return t >= from && t < to;
      };
    }
    case "withinLast": {
      const d = node.days * DAY_MS;
      return (p, now) => {
        const t = dateOf(p.traits[field]);
        return t <= now && now < t + d;
      };
    }
    case "moreThanAgo": {
      const d = node.days * DAY_MS;
      return (p, now) => now >= dateOf(p.traits[field]) + d;
    }
    case "withinNext": {
      const d = node.days * DAY_MS;
      return (p, now) => {
        const t = dateOf(p.traits[field]);
        return t - d <= now && now < t;
      };
    }
  }
}

function numeric(field: string, op: "gt" | "gte" | "lt" | "lte", x: number): ProfilePredicate {
  switch (op) {
    case "gt":
      return (p) => {
        const v = p.traits[field];
        return typeof v === "number" && v > x;
      };
    case "gte":
      return (p) => {
        const v = p.traits[field];
        return typeof v === "number" && v >= x;
      };
    case "lt":
      return (p) => {
        const v = p.traits[field];
        return typeof v === "number" && v < x;
      };
    case "lte":
      return (p) => {
        const v = p.traits[field];
        return typeof v === "number" && v <= x;
      };
  }
}

function dateOf(v: TraitValue | undefined): number {
  return toTime(v);
}

/** Next change of a relative-date leaf whose value is constant on half-open intervals (see TraitRelativeDate). */
export function relativeNextChange(op: "withinLast" | "moreThanAgo" | "withinNext", d: number, t: number, now: number): number {
  if (Number.isNaN(t)) return Infinity;
  switch (op) {
    case "withinLast":
      return now < t ? t : now < t + d ? t + d : Infinity;
    case "moreThanAgo":
      return now < t + d ? t + d : Infinity;
    case "withinNext":
      return now < t - d ? t - d : now < t ? t : Infinity;
  }
}

function traitNextChange(node: TraitNode): NextChange | undefined {
  if (node.op !== "withinLast" && node.op !== "moreThanAgo" && node.op !== "withinNext") return undefined;
  const { field, op } = node;
  const d = node.days * DAY_MS;
  return (p: Profile, now: number) => relativeNextChange(op, d, dateOf(p.traits[field]), now);
}

/** Trait conditions: equality, membership, containment, regex, existence, numeric, absolute and relative dates. */
export const traitKind: ConditionKind<TraitNode> = {
  type: "trait",
  schemas: [TraitEquals, TraitIn, TraitContains, TraitMatches, TraitExists, TraitCompare, TraitBetween, TraitDateCompare, TraitDateBetween, TraitRelativeDate],
  check: checkTrait,
  compile: compileTrait,
  nextChange: traitNextChange,
  observe: (node, p) => p.traits[node.field],
  dependencies: (node) => [`trait:${node.field}`],
};
