import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";

/**
 * A validation rule that refuses operations nested deeper than `maxDepth`
 * field levels, or with more than `maxAliases` aliases — the cheap static
 * guards against abusive queries. Depth counts from 1 at the root field:
 * `{ customers { edges { node { id } } } }` is 4. Introspection fields count
 * like any other (`{ __schema { types { name } } }` is 3), so a nested
 * `__type { fields { type { fields … } } }` is bounded too, except `ofType`:
 * that chain only unwraps a type reference's list/non-null wrappers (it ends
 * in null after at most a few levels, whatever the query asks), and GraphiQL's
 * introspection query nests it 9 times (6 deep without it, 15 with it).
 */
export function depthLimit(maxDepth: number, maxAliases = 50): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth - 1;
      let max = depth - 1;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value === "ofType") {
            max = Math.max(max, depthOf(sel.selectionSet, depth, seen), depth - 1);
            continue;
          }
          max = Math.max(max, depthOf(sel.selectionSet, depth + 1, seen), depth);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, depth, seen));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (!frag || seen.has(name)) continue;
          max = Math.max(max, depthOf(frag.selectionSet, depth, new Set([...seen, name])));
        }
      }
      return max;
    };

    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      OperationDefinition: {
        leave(node) {
          const depth = depthOf(node.selectionSet, 1, new Set());
          if (depth > maxDepth) {
            context.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, { nodes: [node], extensions: { code: "BAD_USER_INPUT", field: "query" } }));
          }
          if (aliases > maxAliases) {
            context.reportError(new GraphQLError(`${aliases} aliases exceed the limit of ${maxAliases}`, { nodes: [node], extensions: { code: "BAD_USER_INPUT", field: "query" } }));
          }
        },
      },
    };
  };
}
