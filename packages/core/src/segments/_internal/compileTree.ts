import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import type { NextChange, ProfilePredicate } from "../ConditionKind.js";
import type { ConditionRegistry } from "../ConditionRegistry.js";
import type { SegmentCondition, SegmentDefinition } from "../SegmentDefinition.js";

/** A condition compiled once into closures, with what it depends on. */
export interface CompiledCondition {
  readonly test: ProfilePredicate;
  /** Next-change functions of every time-dependent leaf (transitively through inSegment). */
  readonly nextChanges: readonly NextChange[];
  /** Dependency keys of every leaf (transitively through inSegment). */
  readonly dependencies: ReadonlySet<string>;
}

const TRUE: ProfilePredicate = () => true;
const FALSE: ProfilePredicate = () => false;

function conjunction(parts: readonly ProfilePredicate[]): ProfilePredicate {
  switch (parts.length) {
    case 0:
      return TRUE;
    case 1:
      return parts[0] as ProfilePredicate;
    case 2: {
      const [a, b] = parts as [ProfilePredicate, ProfilePredicate];
      return (p, now) => a(p, now) && b(p, now);
    }
    case 3: {
      const [a, b, c] = parts as [ProfilePredicate, ProfilePredicate, ProfilePredicate];
      return (p, now) => a(p, now) && b(p, now) && c(p, now);
    }
    default: {
      // Split in halves: a balanced tree of small closures stays monomorphic and short-circuits.
      const mid = parts.length >> 1;
      const left = conjunction(parts.slice(0, mid));
      const right = conjunction(parts.slice(mid));
      return (p, now) => left(p, now) && right(p, now);
    }
  }
}

function disjunction(parts: readonly ProfilePredicate[]): ProfilePredicate {
  switch (parts.length) {
    case 0:
      return FALSE;
    case 1:
      return parts[0] as ProfilePredicate;
    case 2: {
      const [a, b] = parts as [ProfilePredicate, ProfilePredicate];
      return (p, now) => a(p, now) || b(p, now);
    }
    case 3: {
      const [a, b, c] = parts as [ProfilePredicate, ProfilePredicate, ProfilePredicate];
      return (p, now) => a(p, now) || b(p, now) || c(p, now);
    }
    default: {
      const mid = parts.length >> 1;
      const left = disjunction(parts.slice(0, mid));
      const right = disjunction(parts.slice(mid));
      return (p, now) => left(p, now) || right(p, now);
    }
  }
}

/** Compiles definitions by id, each at most once, following inSegment references. */
export class TreeCompiler {
  private readonly memo = new Map<string, CompiledCondition>();
  private readonly compiling = new Set<string>();
  private readonly byId: ReadonlyMap<string, SegmentDefinition>;

  constructor(
    private readonly registry: ConditionRegistry,
    segments: readonly SegmentDefinition[],
  ) {
    this.byId = new Map(segments.map((s) => [s.id, s]));
  }

  definition(id: string): SegmentDefinition | undefined {
    return this.byId.get(id);
  }

  segment(definition: SegmentDefinition): CompiledCondition {
    const cached = this.memo.get(definition.id);
    if (cached !== undefined && this.byId.get(definition.id) === definition) return cached;
    if (this.compiling.has(definition.id)) {
      throw new InputError(ErrorCodes.SEGMENT_CYCLE, `compileSegment requires segments without reference cycles, found one through ${definition.id}`, ["segments"], definition.id);
    }
    this.compiling.add(definition.id);
    const compiled = this.node(definition.condition);
    this.compiling.delete(definition.id);
    if (this.byId.get(definition.id) === definition) this.memo.set(definition.id, compiled);
    return compiled;
  }

  node(node: SegmentCondition): CompiledCondition {
    switch (node.type) {
      case "all":
      case "any": {
        const kids = node.conditions.map((c) => this.node(c));
        const tests = kids.map((k) => k.test);
        return {
          test: node.type === "all" ? conjunction(tests) : disjunction(tests),
          nextChanges: kids.flatMap((k) => k.nextChanges),
          dependencies: new Set(kids.flatMap((k) => [...k.dependencies])),
        };
      }
      case "not": {
        const inner = this.node(node.condition);
        const t = inner.test;
        return { test: (p, now) => !t(p, now), nextChanges: inner.nextChanges, dependencies: inner.dependencies };
      }
      case "inSegment": {
        const target = this.byId.get(node.segmentId);
        if (target === undefined) {
          throw new InputError(ErrorCodes.SEGMENT_UNKNOWN_SEGMENT, `compileSegment requires segment ${node.segmentId} in options.segments`, ["segmentId"], node.segmentId);
        }
        return this.segment(target);
      }
      default: {
        const kind = this.registry.kinds.get(node.type);
        if (kind === undefined) {
          throw new InputError(ErrorCodes.SEGMENT_UNKNOWN_KIND, `compileSegment requires a registered condition type, got ${node.type}`, ["type"], node.type);
        }
        const next = kind.nextChange?.(node);
        return { test: kind.compile(node), nextChanges: next === undefined ? [] : [next], dependencies: new Set(kind.dependencies(node)) };
      }
    }
  }
}
