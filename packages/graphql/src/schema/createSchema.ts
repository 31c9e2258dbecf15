import "reflect-metadata";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { customerFields } from "../modules/customer/customerFields.js";
import { CustomerResolver } from "../modules/customer/customer.resolver.js";
import { FeedbackResolver } from "../modules/feedback/feedback.resolver.js";
import { IngestionResolver } from "../modules/ingestion/ingestion.resolver.js";
import { ingestionFields } from "../modules/ingestion/ingestionFields.js";
import { InteractionResolver } from "../modules/interaction/interaction.resolver.js";
import { SegmentResolver } from "../modules/segment/segment.resolver.js";
import { ValueResolver } from "../modules/value/value.resolver.js";
import { JourneyResolver } from "../modules/journey/journey.resolver.js";
import { JourneyMapResolver } from "../modules/journey/journeyMap.resolver.js";
import { SupportResolver } from "../modules/support/support.resolver.js";
import { RetentionResolver } from "../modules/retention/retention.resolver.js";
import { WorkspaceResolver } from "../modules/workspace/workspace.resolver.js";
import { CustomerEngagementResolver } from "../modules/engagement/customerEngagement.resolver.js";
import { EngagementModelResolver } from "../modules/engagement/engagementModel.resolver.js";
import { EngagementStrategyResolver } from "../modules/engagement/engagementStrategy.resolver.js";
import { ConsentResolver } from "../modules/consent/consent.resolver.js";
import { LoyaltyHistoryResolver, LoyaltyResolver } from "../modules/loyalty/loyalty.resolver.js";
import { RecommendationResolver } from "../modules/recommendation/recommendation.resolver.js";
import { TriggerResolver } from "../modules/trigger/trigger.resolver.js";
import type { EngagekitPlugin } from "../plugins/EngagekitPlugin.js";
import { assemblePlugins } from "../plugins/assemblePlugins.js";
import { attachPlugins } from "../plugins/PluginRuntime.js";
import { forgetExternalFields } from "../plugins/forgetExternalFields.js";
import { PrivacyResolver } from "../modules/privacy/privacy.resolver.js";
import { ApiKeyResolver } from "../modules/apiKey/apiKey.resolver.js";

/** A type-graphql resolver class. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver type
export type ResolverClass = NonEmptyArray<Function>[number];

/** engagekit's own resolvers, in schema order. */
export const coreResolvers: ResolverClass[] = [WorkspaceResolver, CustomerResolver, InteractionResolver, SegmentResolver, ValueResolver, JourneyResolver, JourneyMapResolver, FeedbackResolver, SupportResolver, RetentionResolver, IngestionResolver, EngagementModelResolver, EngagementStrategyResolver, CustomerEngagementResolver, ConsentResolver, LoyaltyResolver, LoyaltyHistoryResolver, RecommendationResolver, TriggerResolver, PrivacyResolver, ApiKeyResolver];

/** Options of {@link createSchema}. */
export interface CreateSchemaOptions {
  /**
   * Integrators' resolver classes, added beside engagekit's. They may add
   * root fields and `@FieldResolver`s on engagekit types (e.g. a field on
   * `Customer`), and read the same {@link Context}.
   */
  readonly resolvers?: readonly ResolverClass[];
  /**
   * Plugins made with `definePlugin` (types, resolvers, condition kinds,
   * metrics, middlewares; see packages/graphql/README.md, "Writing a plugin").
   * Name or condition-kind clashes throw here, at startup.
   */
  readonly plugins?: readonly EngagekitPlugin[];
}

/**
 * Builds engagekit's executable GraphQL schema, with the integrator's
 * resolvers merged in. Deterministic: the printed schema is committed as
 * `schema.graphql` and checked for drift.
 */
export async function createSchema(options: CreateSchemaOptions = {}): Promise<GraphQLSchema> {
  const plugins = assemblePlugins(options.plugins ?? []);
  const resolvers = [...coreResolvers, ...(options.resolvers ?? []), ...plugins.resolvers] as NonEmptyArray<ResolverClass>;
  const schema = await buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
    ...(plugins.types.length > 0 ? { orphanedTypes: plugins.types } : {}),
    ...(plugins.middlewares.length > 0 ? { globalMiddlewares: plugins.middlewares } : {}),
  });
  // Integrators' field resolvers must not leak into the next build's types (tests build several schemas).
  if (options.resolvers?.length || plugins.resolvers.length > 0) forgetExternalFields();
  // The plain bindings would bypass global middlewares: keep type-graphql's wrappers when plugins bring any.
  if (plugins.middlewares.length === 0) {
    bindResolvers(schema, "Customer", customerFields);
    bindResolvers(schema, "Mutation", ingestionFields);
  }
  attachPlugins(schema, plugins.runtime);
  return schema;
}

/**
 * Replaces type-graphql's wrappers of some fields with the plain resolvers
 * they call (same results; see customerFields for why). engagekit installs
 * no type-graphql middlewares or auth checker, so the wrapper adds nothing
 * for these fields. Fails loudly if a field is missing, so the declaration
 * and the binding cannot drift apart.
 */
function bindResolvers(schema: GraphQLSchema, typeName: string, resolvers: Readonly<Record<string, unknown>>): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`bindResolvers: no object type ${typeName}`);
  const fields = type.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) {
    const field = fields[name];
    if (!field) throw new Error(`bindResolvers: ${typeName}.${name} is not in the schema`);
    field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}
