import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** The part of a resolver's `info` that {@link selectedFields} reads. */
export type SelectionInfo = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">;

// Keyed by the field's AST nodes: the same array for every item of a list
// and for every run of a cached operation, so each selection is walked once.
const cache = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields a client selected on what the current field
 * returns, or further down along `path` (`["edges", "node"]` for the nodes
 * of a connection). Fragments and inline fragments are merged; fields under
 * `@skip`/`@include` count as selected (reading a column too many is safe,
 * one too few is not). Lets a list resolver read only the columns the
 * client asked for, as the hand-written query for that payload would.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = []): ReadonlySet<string> {
  const key = path.length === 0 ? "" : path.length === 1 ? (path[0] as string) : path.join(".");
  let perPath = cache.get(info.fieldNodes);
  const known = perPath?.get(key);
  if (known) return known;
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) collect(set, info.fragments, (field) => field.name.value === step && field.selectionSet !== undefined && next.push(field.selectionSet));
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) collect(set, info.fragments, (field) => names.add(field.name.value));
  if (!perPath) {
    perPath = new Map();
    cache.set(info.fieldNodes, perPath);
  }
  perPath.set(key, names);
  return names;
}

function collect(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, visit: (field: FieldNode) => unknown, seen = new Set<string>()): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) collect(fragment.selectionSet, fragments, visit, seen);
    }
  }
}

/** The columns a read needs: `null` for every column; `key` names the set (loader caches use it). */
export interface ColumnPlan {
  readonly columns: readonly string[] | null;
  readonly key: string;
}

/** Every column: what a caller without a selection (a plain `load`) gets. */
export const ALL_COLUMNS: ColumnPlan = { columns: null, key: "*" };

const plans = new WeakMap<ReadonlySet<string>, Map<object, ColumnPlan>>();

/**
 * The SQL columns a selection needs, given the columns behind each GraphQL
 * field of the type; `required` are always read. Every column when a
 * selected field is not in `columnsOf`: an integrator's field resolver on
 * the type may read any property of the row. Cached per selection.
 */
export function columnsFor(
  selected: ReadonlySet<string>,
  columnsOf: Readonly<Record<string, readonly string[]>>,
  required: readonly string[] = [],
): ColumnPlan {
  let perMap = plans.get(selected);
  const known = perMap?.get(columnsOf);
  if (known) return known;
  const plan = planColumns(selected, columnsOf, required);
  if (!perMap) {
    perMap = new Map();
    plans.set(selected, perMap);
  }
  perMap.set(columnsOf, plan);
  return plan;
}

function planColumns(selected: ReadonlySet<string>, columnsOf: Readonly<Record<string, readonly string[]>>, required: readonly string[]): ColumnPlan {
  const columns = new Set(required);
  for (const field of selected) {
    if (field === "__typename") continue;
    const needs = Object.hasOwn(columnsOf, field) ? columnsOf[field] : undefined;
    if (!needs) return ALL_COLUMNS;
    for (const column of needs) columns.add(column);
  }
  const list = [...columns].sort();
  return { columns: list, key: list.join(",") };
}
