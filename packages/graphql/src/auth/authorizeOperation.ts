import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { Context } from "../server/Context.js";
import { rolesOf } from "./operationPolicy.js";

/** The root field names an operation selects, through fragments and inline fragments. */
export function rootFieldNames(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/**
 * Refuses, before anything runs, an operation that selects a root field the
 * caller's role may not call (see operationPolicy.ts): HTTP 403,
 * `extensions.code: "FORBIDDEN"`, naming the field, the role and the roles
 * that may. Introspection fields (`__schema`, `__type`, `__typename`) are
 * open to every role (whether introspection answers at all is a server option).
 */
export function authorizeOperationPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return;
          const rootType = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
          if (!rootType) return;
          const kind = rootType === schema.getQueryType() ? "Query" : rootType === schema.getMutationType() ? "Mutation" : "Subscription";
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const fields = rootType.getFields();
          const role = contextValue.auth.role;
          for (const name of rootFieldNames(operation, fragments)) {
            const field = fields[name];
            if (name.startsWith("__") || !field) continue;
            const allowed = rolesOf(kind, field);
            if (!allowed.includes(role)) {
              throw new GraphQLError(`the ${role} role may not call ${kind}.${name} (allowed: ${allowed.join(", ")})`, {
                extensions: { code: "FORBIDDEN", field: `${kind}.${name}`, role, allowed, http: { status: 403 } },
              });
            }
          }
        },
      };
    },
  };
}
