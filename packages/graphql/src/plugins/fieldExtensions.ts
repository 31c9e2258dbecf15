import type { GraphQLResolveInfo } from "graphql";

/**
 * The `@Extensions({ … })` metadata of the field being resolved (type-graphql
 * puts it on the GraphQL field's `extensions`), for middlewares that act on it.
 */
export function fieldExtensions(info: GraphQLResolveInfo): Readonly<Record<string, unknown>> {
  return (info.parentType.getFields()[info.fieldName]?.extensions ?? {}) as Readonly<Record<string, unknown>>;
}
