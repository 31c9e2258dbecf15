import { ErrorCodes } from "../errors/codes.js";
import type { InputPath } from "../errors/InputError.js";
import { checkSchema, type SchemaError, type TSchema } from "./schemaBuilder.js";
import { issue } from "./_internal/issue.js";
import { registryOf } from "./_internal/registryOf.js";
import { defaultRfmSegmentNames } from "./rfmSegmentGrid.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentIssue } from "./SegmentIssue.js";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, type SegmentOptions } from "./SegmentOptions.js";

/** Result of {@link validateSegmentDefinition}. */
export interface SegmentValidation {
  readonly valid: boolean;
  /** Every problem found, each with its JSON path from the definition root. */
  readonly issues: readonly SegmentIssue[];
}

const SCHEMA_CODES: Readonly<Record<SchemaError["reason"], string>> = {
  kind: ErrorCodes.SEGMENT_UNKNOWN_KIND,
  operator: ErrorCodes.SEGMENT_UNKNOWN_OPERATOR,
  type: ErrorCodes.SEGMENT_TYPE_MISMATCH,
  missing: ErrorCodes.SEGMENT_INVALID,
  "unknown-property": ErrorCodes.SEGMENT_INVALID,
  range: ErrorCodes.SEGMENT_INVALID_VALUE,
  format: ErrorCodes.SEGMENT_INVALID_VALUE,
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Child condition nodes of a raw node, with their path suffixes. */
function children(node: Record<string, unknown>): [unknown, InputPath][] {
  const out: [unknown, InputPath][] = [];
  if (Array.isArray(node["conditions"])) (node["conditions"] as unknown[]).forEach((c, i) => out.push([c, ["conditions", i]]));
  if (node["condition"] !== undefined) out.push([node["condition"], ["condition"]]);
  return out;
}

/**
 * Size and depth, measured without recursion so a 10,000-deep definition
 * cannot overflow the stack; stops at the first limit exceeded.
 */
function checkSize(root: unknown, maxNodes: number, maxDepth: number): SegmentIssue | undefined {
  const stack: [unknown, InputPath, number][] = [[root, ["condition"], 1]];
  let count = 0;
  while (stack.length > 0) {
    const [node, path, depth] = stack.pop() as [unknown, InputPath, number];
    if (!isObject(node)) continue;
    count++;
    if (depth > maxDepth) {
      return issue(ErrorCodes.SEGMENT_TOO_LARGE, path, `conditions nested at most ${maxDepth} deep (limit maxDepth)`, depth);
    }
    if (count > maxNodes) {
      return issue(ErrorCodes.SEGMENT_TOO_LARGE, ["condition"], `at most ${maxNodes} condition nodes (limit maxNodes)`, count);
    }
    for (const [child, suffix] of children(node)) stack.push([child, [...path, ...suffix], depth + 1]);
  }
  return undefined;
}

/** inSegment ids referenced by a (raw) condition tree, iteratively. */
function referencedSegments(root: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (node["type"] === "inSegment" && typeof node["segmentId"] === "string") out.push(node["segmentId"]);
    for (const [child] of children(node)) stack.push(child);
  }
  return out;
}

/** Path of the first inSegment node referencing `target`. */
function findReference(node: unknown, path: InputPath, target: string): InputPath | undefined {
  if (!isObject(node)) return undefined;
  if (node["type"] === "inSegment" && node["segmentId"] === target) return [...path, "segmentId"];
  for (const [child, suffix] of children(node)) {
    const found = findReference(child, [...path, ...suffix], target);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A cycle through `start` in the reference graph, as the list of ids, or undefined. */
function findCycle(start: string, refs: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const onPath = new Set<string>();
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return undefined;
    onPath.add(id);
    path.push(id);
    for (const next of refs.get(id) ?? []) {
      const c = visit(next);
      if (c !== undefined) return c;
    }
    onPath.delete(id);
    path.pop();
    done.add(id);
    return undefined;
  };
  return visit(start);
}

/**
 * Checks a segment definition and returns every problem with its JSON path,
 * instead of stopping at the first.
 *
 * Checks, in order: size and depth limits (`SEGMENT.TOO_LARGE`; measured
 * iteratively, then nothing else is checked); the JSON Schema of the registry
 * (`SEGMENT.UNKNOWN_KIND` for an unknown `type`, `SEGMENT.UNKNOWN_OPERATOR` for an
 * unknown `op`, `SEGMENT.TYPE_MISMATCH` for a value of the wrong JSON type — e.g. a
 * date condition given a number —, `SEGMENT.INVALID` for missing or unknown
 * properties, `SEGMENT.INVALID_VALUE` for dates that are not ISO 8601 and out-of-range
 * numbers); each kind's own checks (trait operators against declared
 * `traitTypes`, min ≤ max, P(alive) thresholds in [0, 1], NPS in [0, 10], RFM scores
 * in [1, 5], RFM segment names, regexes that could backtrack catastrophically →
 * `SEGMENT.UNSAFE_REGEX`); and `inSegment` references (`SEGMENT.UNKNOWN_SEGMENT`,
 * `SEGMENT.CYCLE` when the reference graph through this definition has a cycle).
 *
 * Semantics fixed here and relied on by compilation: `all([])` is true and
 * `any([])` is false (the empty conjunction and disjunction).
 *
 * Complexity: O(nodes + referenced definitions).
 *
 * @param definition - untrusted JSON
 * @category Segments
 * @example
 * validateSegmentDefinition({ id: "s", condition: { type: "trait", field: "age", op: "older", value: 3 } }).issues[0]?.code
 * // => "SEGMENT.UNKNOWN_OPERATOR" (path ["condition", "op"])
 */
export function validateSegmentDefinition(definition: unknown, options: SegmentOptions = {}): SegmentValidation {
  const registry = registryOf(options);
  const issues: SegmentIssue[] = [];
  if (!isObject(definition)) {
    issues.push(issue(ErrorCodes.SEGMENT_INVALID, [], "a segment definition object", definition));
    return { valid: false, issues };
  }
  const tooLarge = checkSize(definition["condition"], options.maxNodes ?? DEFAULT_MAX_NODES, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (tooLarge !== undefined) return { valid: false, issues: [tooLarge] };

  const schemaErrors: SchemaError[] = [];
  const schema = registry.schema;
  checkSchema(schema, definition, [], schema["$defs"] as Record<string, TSchema>, schemaErrors);
  for (const e of schemaErrors) issues.push(issue(SCHEMA_CODES[e.reason], e.path, e.message, e.value));

  // Kind checks on leaves whose own subtree is schema-valid.
  const bad = schemaErrors.map((e) => e.path.join("\u0000"));
  const context = { ...options, rfmSegmentNames: options.rfmSegmentNames ?? defaultRfmSegmentNames };
  const walk = (node: unknown, path: InputPath): void => {
    if (!isObject(node)) return;
    const key = path.join("\u0000");
    if (bad.some((b) => b === key || b.startsWith(`${key}\u0000`))) {
      for (const [child, suffix] of children(node)) walk(child, [...path, ...suffix]);
      return;
    }
    const kind = typeof node["type"] === "string" ? registry.kinds.get(node["type"]) : undefined;
    if (kind?.check !== undefined) issues.push(...kind.check(node as { readonly type: string }, path, context));
    for (const [child, suffix] of children(node)) walk(child, [...path, ...suffix]);
  };
  walk(definition["condition"], ["condition"]);

  // References and cycles.
  const id = typeof definition["id"] === "string" ? definition["id"] : "";
  const known = new Map<string, unknown>();
  for (const s of options.segments ?? []) known.set(s.id, s.condition);
  known.set(id, definition["condition"]);
  const refs = new Map<string, readonly string[]>();
  for (const [sid, cond] of known) refs.set(sid, referencedSegments(cond));
  const walkRefs = (node: unknown, path: InputPath): void => {
    if (!isObject(node)) return;
    if (node["type"] === "inSegment" && typeof node["segmentId"] === "string") {
      const target = node["segmentId"];
      if (!known.has(target)) {
        issues.push(issue(ErrorCodes.SEGMENT_UNKNOWN_SEGMENT, [...path, "segmentId"], "a segment id defined in options.segments", target));
      }
    }
    for (const [child, suffix] of children(node)) walkRefs(child, [...path, ...suffix]);
  };
  walkRefs(definition["condition"], ["condition"]);
  const cycle = findCycle(id, refs);
  if (cycle !== undefined) {
    const at = cycle[0] === id ? findReference(definition["condition"], ["condition"], cycle[1] ?? "") : undefined;
    issues.push(issue(ErrorCodes.SEGMENT_CYCLE, at ?? ["condition"], `segments without reference cycles, found ${cycle.join(" → ")}`, cycle));
  }
  return { valid: issues.length === 0, issues };
}

/**
 * Type guard over {@link validateSegmentDefinition}: `true` when `definition` is a
 * valid {@link SegmentDefinition} under `options` (use the full validation to see why not).
 *
 * Complexity: as validateSegmentDefinition.
 *
 * @category Segments
 * @example
 * isValidSegmentDefinition({ id: "all", condition: { type: "all", conditions: [] } }) // => true
 */
export function isValidSegmentDefinition(definition: unknown, options: SegmentOptions = {}): definition is SegmentDefinition {
  return validateSegmentDefinition(definition, options).valid;
}
