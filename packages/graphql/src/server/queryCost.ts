import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, getNamedType, getNullableType, getVariableValues, isInputObjectType, isListType, isObjectType, Kind, typeFromAST, type DocumentNode, type GraphQLSchema } from "graphql";
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { MAX_PAGE_SIZE } from "../modules/common/connection.js";

/** Default largest cost of one operation (see {@link listAwareEstimator}). */
export const DEFAULT_MAX_QUERY_COST = 25_000;

/** Default assumed length of a list field that has no `first` argument (`segments`, `edges` of a report…). */
export const DEFAULT_LIST_SIZE = 10;

/**
 * Cost of one introspection field (`__schema`, `__type`, `__typename` and the
 * fields of the `__Type`… types) relative to a data field: they are answered
 * from the schema in memory, with no DataLoader or SQL behind them.
 */
export const INTROSPECTION_FIELD_COST = 0.1;

/**
 * The cost of one field of an operation, list-size aware: every selected
 * field costs 1, times the product of the sizes of the lists it is nested in.
 *
 * Definition, for a field `f` with child selections of total cost `c`:
 * - a connection (its type is `…Connection` with `edges`) or a list with a
 *   numeric `first` argument: `1 + first × c`, `first` after defaults
 *   (every connection here defaults to 20 and caps at 100); a connection
 *   without a `first` argument counts as a full page ({@link MAX_PAGE_SIZE});
 * - the `edges` list of a connection: `1 + c` (its length is the connection's
 *   `first`, already counted);
 * - any other list (`segments`, the report arrays, introspection's `types`,
 *   `fields`…): `1 + listSize × c`;
 * - anything else: `1 + c` (a leaf: 1).
 *
 * Introspection fields use the same rules but cost
 * {@link INTROSPECTION_FIELD_COST} (0.1) each instead of 1, so GraphiQL's full
 * introspection query costs about 5,200 (graphql-js's own
 * MaxIntrospectionDepthRule already refuses more than 3 nested
 * `fields`/`interfaces`/`possibleTypes`/`inputFields` lists).
 *
 * So `customers(first: 100) { edges { node { id } } }` costs
 * 1 + 100 × (1 + (1 + 1)) = 301, and each further nested list multiplies.
 * This is the usual static estimate (GitHub's GraphQL API and Shopify's
 * cost model use the same product of `first` arguments); it is an upper
 * bound on the number of field resolutions, never a measured time.
 *
 * Fields that declare their own cost (type-graphql's `complexity` option on
 * `@Field`/`@FieldResolver`/`@Query`) keep it: pass
 * `fieldExtensionsEstimator()` before this estimator, as {@link queryCostPlugin} does.
 *
 * @param listSize - assumed length of lists without `first`, ≥ 0 (default 10)
 * @example
 * getComplexity({ schema, query: parse("{ segments { edges { node { key } } } }"),
 *   estimators: [fieldExtensionsEstimator(), listAwareEstimator(10)] }); // 1 + 20 × (1 + (1 + 1)) = 61
 */
export function listAwareEstimator(listSize = DEFAULT_LIST_SIZE): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const own = field.name.startsWith("__") || type.name.startsWith("__") ? INTROSPECTION_FIELD_COST : 1;
    const returned = getNullableType(field.type);
    const named = getNamedType(field.type);
    const first = typeof args["first"] === "number" ? Math.max(0, args["first"]) : undefined;
    if (isObjectType(named) && named.name.endsWith("Connection") && "edges" in named.getFields()) {
      return own + (first ?? MAX_PAGE_SIZE) * childComplexity;
    }
    if (isListType(returned)) {
      if (first !== undefined) return own + first * childComplexity;
      if (field.name === "edges" && type.name.endsWith("Connection")) return own + childComplexity;
      return own + listSize * childComplexity;
    }
    return own + childComplexity;
  };
}

/** Options of {@link queryCost} and {@link queryCostPlugin}. */
export interface QueryCostOptions {
  /** Largest accepted cost (default {@link DEFAULT_MAX_QUERY_COST}). */
  readonly maxCost?: number;
  /** Assumed length of lists without `first` (default {@link DEFAULT_LIST_SIZE}). */
  readonly listSize?: number;
}

/**
 * The cost of an operation as {@link listAwareEstimator} defines it (with
 * `@skip`/`@include`, fragments and variables applied, as
 * graphql-query-complexity 2.0.0 walks them), rounded up to an integer.
 * Throws a GraphQLError for documents of more than 10,000 selections.
 *
 * @param schema - the executable schema
 * @param document - a parsed, validated document
 * @param variables - the request's variables (they can set `first`)
 * @param operationName - which operation of the document runs
 * @example
 * queryCost(schema, parse("{ customers(first: 100) { edges { node { id } } } }")); // 301
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
  listSize = DEFAULT_LIST_SIZE,
): number {
  const cost = getComplexity({
    schema,
    query: document,
    variables: costVariables(schema, document, variables, operationName),
    ...(operationName ? { operationName } : {}),
    estimators: [fieldExtensionsEstimator(), listAwareEstimator(listSize)],
  });
  // Introspection fields cost fractions; 1e-9 absorbs float error before rounding up.
  return Math.ceil(cost - 1e-9);
}

/** Schemas where some field declares its own `complexity` (it may read any argument, input lists included). */
const declaresComplexity = new WeakMap<GraphQLSchema, boolean>();
function anyFieldComplexity(schema: GraphQLSchema): boolean {
  let known = declaresComplexity.get(schema);
  if (known === undefined) {
    known = Object.values(schema.getTypeMap()).some((t) => isObjectType(t) && Object.values(t.getFields()).some((f) => f.extensions?.["complexity"] !== undefined));
    declaresComplexity.set(schema, known);
  }
  return known;
}

/**
 * The variables the cost is computed with: those holding lists of input
 * objects (ingestion batches) are costed as empty lists. The estimators read
 * only numeric `first` arguments, so these values cannot change the cost, and
 * graphql-query-complexity would otherwise coerce every item of a 10,000-item
 * batch a second time (execution coerces them again): about 7 ms of a
 * 1,000-item batch. Schemas where a field declares its own `complexity`
 * (which may read any argument) get the variables unchanged.
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): Record<string, unknown> {
  if (anyFieldComplexity(schema)) return variables;
  let out: Record<string, unknown> | undefined;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION || (operationName !== undefined && def.name?.value !== operationName)) continue;
    for (const v of def.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      const type = typeFromAST(schema, v.type);
      const list = type ? getNullableType(type) : undefined;
      if (!list || !isListType(list) || !isInputObjectType(getNamedType(list)) || !Array.isArray(variables[name])) continue;
      out ??= { ...variables };
      out[name] = [];
    }
  }
  return out ?? variables;
}

/**
 * An Apollo plugin refusing, before execution, any operation whose
 * {@link queryCost} exceeds `maxCost`: HTTP 400 with
 * `extensions.code: "QUERY_TOO_COSTLY"`, `cost` and `maxCost`, and a message
 * naming both ("query cost 103303011 exceeds the limit of 25000 (maxQueryCost)…").
 * Runs after parsing and validation (depth and alias limits come first), with
 * the request's variables, so `first: $n` counts with its value.
 *
 * @example
 * new ApolloServer({ schema, plugins: [queryCostPlugin(schema, { maxCost: 25_000 })] });
 */
export function queryCostPlugin<C extends object>(schema: GraphQLSchema, options: QueryCostOptions = {}): ApolloServerPlugin<C> {
  const maxCost = options.maxCost ?? DEFAULT_MAX_QUERY_COST;
  const listSize = options.listSize ?? DEFAULT_LIST_SIZE;
  // The cost of an operation without variables depends on its document alone, and Apollo hands
  // back the same DocumentNode for a repeated query string: computed once per document and name.
  const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, operation }) {
          const fixed = operation !== undefined && (operation.variableDefinitions?.length ?? 0) === 0;
          const name = operationName ?? "";
          const perName = fixed ? fixedCosts.get(document) : undefined;
          let cost: number;
          try {
            const known = perName?.get(name);
            cost = known ?? queryCost(schema, document, request.variables ?? {}, operationName ?? undefined, listSize);
            if (fixed && known === undefined) fixedCosts.set(document, (perName ?? new Map<string, number>()).set(name, cost));
          } catch (error) {
            // Variables that do not coerce never execute: leave them to the executor's
            // BAD_USER_INPUT ("Variable "$x" got invalid value …") rather than a cost error.
            // Checked only here, on the error path: coercing every batch item again costs ingestion ~10%.
            if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 }).errors) return;
            // graphql-query-complexity refuses documents of more than 10,000 nodes outright.
            const message = error instanceof Error ? error.message : String(error);
            throw new GraphQLError(`query cost could not be computed within the limits: ${message}`, {
              extensions: { code: "QUERY_TOO_COSTLY", maxCost, http: { status: 400 } },
            });
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `query cost ${cost} exceeds the limit of ${maxCost} (maxQueryCost): each field costs 1 times the \`first\` of every list it is nested in (${listSize} for lists without \`first\`); ask for smaller pages or fewer nested lists`,
              { extensions: { code: "QUERY_TOO_COSTLY", cost, maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
