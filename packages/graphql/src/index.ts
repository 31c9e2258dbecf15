/**
 * @engagekit/graphql — persistence mapping, GraphQL types, thin resolvers and
 * the HTTP server around @engagekit/core.
 */
import "reflect-metadata";

// Persistence
export * from "./entities/index.js";
export { ormOptions, dialectOf, WORKSPACE_FILTER } from "./data/ormOptions.js";
export type { DatabaseTarget } from "./data/ormOptions.js";
export { SQLITE_PRAGMAS, applySqlitePragmas } from "./data/sqlitePragmas.js";
export { customerTables } from "./modules/privacy/customerTables.js";
export type { CustomerTable, CustomerLink } from "./modules/privacy/customerTables.js";
export { PERSONAL_COLUMNS } from "./modules/privacy/personalColumns.js";
export type { TableErasure, ErasureAction } from "./modules/privacy/personalColumns.js";
export { ERASED_PREFIX } from "./modules/privacy/eraseCustomer.js";
export { WorkspaceScope } from "./data/WorkspaceScope.js";
export { loadProfiles } from "./data/loadProfiles.js";
export { expireDueMemberships } from "./modules/segment/expireDueMemberships.js";
export { refreshMemberships } from "./modules/segment/segmentService.js";
export type { MembershipChange } from "./modules/segment/segmentService.js";
export { applyPointsBatch } from "./modules/loyalty/applyPointsBatch.js";
export type { PointsBatchItem, PointsBatchOutcome } from "./modules/loyalty/applyPointsBatch.js";
export { runScheduledTriggers } from "./modules/trigger/runScheduledTriggers.js";
export type { ScheduledRun } from "./modules/trigger/runScheduledTriggers.js";
export type { SettleSummary } from "./modules/trigger/settleFirings.js";

// Schema and extension points
export { createSchema, coreResolvers } from "./schema/createSchema.js";
export type { CreateSchemaOptions, ResolverClass } from "./schema/createSchema.js";
export { CustomerType } from "./modules/customer/Customer.type.js";
export { IntervalType } from "./modules/common/Interval.type.js";
export { Connection, PageInfo, MAX_PAGE_SIZE, encodeCursor, decodeCursor } from "./modules/common/connection.js";

// Plugins
export { definePlugin, isEngagekitPlugin } from "./plugins/EngagekitPlugin.js";
export type { EngagekitPlugin, PluginSpec, PluginMigration, PluginMigrations, PluginProfileTraits, PluginTraits } from "./plugins/EngagekitPlugin.js";
export { defineConditionKind } from "./plugins/PluginConditionKind.js";
export type { ConditionKindSpec, ConditionNode, ParamsSchema, PluginConditionKind } from "./plugins/PluginConditionKind.js";
export { defineTriggerAction } from "./plugins/PluginTriggerAction.js";
export type { PluginActionNode, PluginTriggerAction, PluginTriggerActionOf, TriggerActionSpec } from "./plugins/PluginTriggerAction.js";
export { defineMetric } from "./plugins/PluginMetric.js";
export type { MetricSpec, PluginMetric } from "./plugins/PluginMetric.js";
export { MetricsType } from "./plugins/MetricsType.js";
export { defineSegment } from "./plugins/defineSegment.js";
export type { ConditionWith, PluginConditionOf, SegmentDefinitionWith } from "./plugins/defineSegment.js";
export { fieldExtensions } from "./plugins/fieldExtensions.js";
export { pluginMigrations, pluginEntities } from "./plugins/pluginMigrations.js";
export { pluginRuntime } from "./plugins/PluginRuntime.js";
export type { PluginRuntime } from "./plugins/PluginRuntime.js";

// Server
export { createServer, WORKSPACE_HEADER } from "./server/createServer.js";
export type { AuthOptions, CreateServerOptions, EngagekitServer } from "./server/createServer.js";
export { ROLES, isRole } from "./auth/Role.js";
export type { Role } from "./auth/Role.js";
export type { Principal } from "./auth/Principal.js";
export { OPERATION_ROLES, ROLES_EXTENSION, rolesOf } from "./auth/operationPolicy.js";
export { PERSONAL_FIELDS, PERSONAL_EXTENSION, analyticsProperties } from "./auth/personalFields.js";
export { generateApiKey, hashApiKey, apiKeyPrefix } from "./auth/apiKeySecret.js";
export { DEVELOPMENT_SECRET } from "./auth/ApiKeyAuthenticator.js";
export { RateLimiter } from "./auth/rateLimiter.js";
export type { RateLimit } from "./auth/rateLimiter.js";
export { issueApiKey } from "./auth/bootstrapAdminKey.js";
export { IdCodec, idCodec, DEFAULT_ID_CACHE_SIZE } from "./ids/IdCodec.js";
export { ID_KINDS, CURSOR_KIND, isIdKind } from "./ids/IdKind.js";
export type { IdKind, CoreIdKind } from "./ids/IdKind.js";
export { ID_COORDINATES, KEY_STRING, ID_KIND_EXTENSION, ID_KIND_ARGS_EXTENSION } from "./ids/idCoordinates.js";
export { UNKNOWN_ROW_ID } from "./ids/opaqueIds.js";
export type { Context, CurrentWorkspace, Loaders } from "./server/Context.js";
export { formatError } from "./server/formatError.js";
export { depthLimit } from "./server/depthLimit.js";
export { directiveLimit, DEFAULT_MAX_TOKENS, DEFAULT_MAX_DIRECTIVES } from "./server/documentLimits.js";
export { createLogger, errorFields } from "./server/logger.js";
export type { ServerLogger, LogFn, CreateLoggerOptions } from "./server/logger.js";
export { checkReadiness } from "./server/readiness.js";
export type { Readiness } from "./server/readiness.js";
export { queryCost, listAwareEstimator, DEFAULT_MAX_QUERY_COST, DEFAULT_LIST_SIZE } from "./server/queryCost.js";
export type { QueryCostOptions } from "./server/queryCost.js";
export { checkDeadline, DEFAULT_REQUEST_TIMEOUT_MS } from "./server/executionDeadline.js";

// Ingestion in-process (the import CLI calls the same resolvers the API serves)
export { IngestionResolver } from "./modules/ingestion/ingestion.resolver.js";
export { recordCustomers } from "./modules/ingestion/recordCustomers.js";
export type { CustomerRecord, CustomersPayload } from "./modules/ingestion/recordCustomers.js";
export { MAX_BATCH } from "./modules/ingestion/ingest.js";
export type { InteractionInput } from "./modules/ingestion/Interaction.input.js";
export type { OrderInput } from "./modules/ingestion/Order.input.js";
export type { SurveyAnswerInput } from "./modules/ingestion/SurveyAnswer.input.js";
export { TicketEventType } from "./modules/ingestion/TicketEvent.input.js";
export type { TicketEventInput } from "./modules/ingestion/TicketEvent.input.js";
export { FeedbackKind } from "./modules/ingestion/FeedbackKind.enum.js";
export type { IngestionPayload } from "./modules/ingestion/IngestionPayload.type.js";
export { createLoaders } from "./server/createLoaders.js";
