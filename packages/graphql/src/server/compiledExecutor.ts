import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { DateTimeResolver } from "graphql-scalars";

/**
 * DateTime values as the ISO strings the response carries. The scalar's own
 * serialize validates and returns the Date, which JSON.stringify then turns
 * into the same string through `toJSON`, one call per value on the response
 * path: the 300 order dates of a nested list page cost Apollo's stringify
 * about as much as the rest of the 34 KB payload.
 */
const customSerializers = {
  DateTime: (value: unknown): unknown => {
    const out = DateTimeResolver.serialize(value);
    return out instanceof Date ? out.toISOString() : out;
  },
};

/**
 * Executes operations with graphql-jit: each distinct operation is compiled
 * once into a function specialised to its selection set, then reused. Apollo
 * still parses, validates (depth and alias limits included) and caches
 * documents; only execution is swapped, through Apollo's documented
 * executor hook (the gateway interface, with a fixed schema).
 *
 * Why: the nested customer list resolves ~1,700 fields per request, and
 * graphql-js's generic executor spends more on walking the selection than the
 * resolvers spend on data (see apps/server/bench/api.bench.mjs).
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayInterface {
  // Apollo hands back the same DocumentNode for a cached query string.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const executor: GatewayExecutor = async (requestContext) => {
    const { document } = requestContext;
    const operationName = requestContext.request.operationName ?? undefined;
    let perOperation = compiled.get(document);
    if (!perOperation) {
      perOperation = new Map();
      compiled.set(document, perOperation);
    }
    const key = operationName ?? "";
    let query = perOperation.get(key);
    if (!query) {
      query = compileQuery(schema, document, operationName, { disableLeafSerialization: false, customSerializers });
      perOperation.set(key, query);
    }
    const variables = requestContext.request.variables ?? {};
    if (isCompiledQuery(query)) {
      const result = await query.query(undefined, requestContext.context, variables);
      // Errors without data come from variable coercion, before any resolver ran. graphql-jit
      // rejects an omitted non-null input field that has a default (graphql-js applies the
      // default, as the spec says), so let the reference executor coerce and run those.
      if (result.data !== undefined || !result.errors) return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
    return execute({ schema, document, contextValue: requestContext.context, variableValues: variables, operationName: operationName ?? null });
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors lack graphql-js's `extensions: {}` default, which
 * Apollo's error formatting reads; rebuild them as graphql-js errors with the
 * same message, path, locations and original error.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  if (error.locations) Object.defineProperty(rebuilt, "locations", { value: error.locations, enumerable: true, writable: true });
  return rebuilt;
}
