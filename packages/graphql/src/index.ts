/**
 * @engagekit/graphql — persistence mapping, GraphQL types, thin resolvers and
 * the HTTP server around @engagekit/core.
 */
import "reflect-metadata";

// Persistence
export * from "./entities/index.js";
export { ormOptions, dialectOf, WORKSPACE_FILTER } from "./data/ormOptions.js";
export type { DatabaseTarget } from "./data/ormOptions.js";
export { WorkspaceScope } from "./data/WorkspaceScope.js";
export { loadProfiles } from "./data/loadProfiles.js";
export { expireDueMemberships } from "./modules/segment/expireDueMemberships.js";
export { refreshMemberships } from "./modules/segment/segmentService.js";
export type { MembershipChange } from "./modules/segment/segmentService.js";

// Schema and extension points
export { createSchema, coreResolvers } from "./schema/createSchema.js";
export type { CreateSchemaOptions, ResolverClass } from "./schema/createSchema.js";
export { CustomerType } from "./modules/customer/Customer.type.js";
export { IntervalType } from "./modules/common/Interval.type.js";
export { Connection, PageInfo, MAX_PAGE_SIZE, encodeCursor, decodeCursor } from "./modules/common/connection.js";

// Server
export { createServer, WORKSPACE_HEADER } from "./server/createServer.js";
export type { CreateServerOptions, EngagekitServer } from "./server/createServer.js";
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
