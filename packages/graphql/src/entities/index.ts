import { CustomerSchema } from "./Customer.js";
import { OrderSchema } from "./Order.js";
import { SurveyResponseSchema } from "./SurveyResponse.js";
import { WorkspaceSchema } from "./Workspace.js";

export { CustomerSchema, OrderSchema, SurveyResponseSchema, WorkspaceSchema };
export type { CustomerEntity } from "./Customer.js";
export type { OrderEntity } from "./Order.js";
export type { SurveyResponseEntity } from "./SurveyResponse.js";
export type { WorkspaceEntity } from "./Workspace.js";

/** Every entity engagekit persists, for the MikroORM `entities` option. */
export const entities = [WorkspaceSchema, CustomerSchema, OrderSchema, SurveyResponseSchema];

/** Entities scoped by the `workspace` filter (all but the workspace itself). */
export const workspaceScopedEntities = [CustomerSchema, OrderSchema, SurveyResponseSchema];
