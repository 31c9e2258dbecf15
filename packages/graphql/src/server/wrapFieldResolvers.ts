import { isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from "graphql";

/**
 * The one walk behind the server's in-place resolver wrappers (the
 * deadline guard, personal-field masking, opaque ids): calls `wrap` once per
 * field of every object type except introspection's, and installs what it
 * returns. The field itself is marked with `marker`, so a schema shared by
 * two servers is wrapped once per mechanism, whatever the other mechanisms
 * wrapped around the resolver since (marking the resolver would not survive
 * being wrapped by the next mechanism).
 */
export function wrapFieldResolvers(
  schema: GraphQLSchema,
  marker: symbol,
  wrap: (field: GraphQLField<unknown, unknown>, type: GraphQLObjectType) => GraphQLFieldResolver<unknown, unknown> | undefined,
): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const marked = field as GraphQLField<unknown, unknown> & { [key: symbol]: true | undefined };
      if (marked[marker]) continue;
      marked[marker] = true;
      const next = wrap(field, type);
      if (next) field.resolve = next;
    }
  }
}
