import { ObjectType, Query, Resolver } from "type-graphql";

/**
 * The root `metrics` field's type: one field per plugin metric. It exists
 * (and `Query.metrics` with it) only when an installed plugin brings a
 * metric, so engagekit's own schema is unchanged without plugins.
 */
@ObjectType("Metrics", { description: "Metrics brought by plugins, one field each (see packages/graphql/README.md, Writing a plugin)." })
export class MetricsType {}

/** `Query.metrics`: a marker object; each metric field resolves on its own. */
@Resolver(() => MetricsType)
export class MetricsRootResolver {
  @Query(() => MetricsType, { description: "Metrics brought by plugins." })
  metrics(): MetricsType {
    return new MetricsType();
  }
}
