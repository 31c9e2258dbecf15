import { getMetadataStorage } from "type-graphql";

interface ClassDefinitions {
  readonly objectTypes: { fields?: unknown }[];
  readonly interfaceTypes: { fields?: unknown }[];
}

/**
 * type-graphql keeps the fields a build adds to a type through an external
 * `@FieldResolver` (a plugin's `Customer.subscription`) in its global
 * metadata, so a later build without that resolver would still print the
 * field (with no resolver). Dropping the computed field lists after a build
 * with extra resolvers makes the next build recompute them from the
 * declarations alone. The built schema is unaffected: graphql-js resolved
 * its field thunks while constructing it.
 */
export function forgetExternalFields(): void {
  const storage = getMetadataStorage() as unknown as ClassDefinitions;
  for (const def of [...storage.objectTypes, ...storage.interfaceTypes]) delete def.fields;
}
