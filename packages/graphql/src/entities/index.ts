import { ApiKeySchema } from "./ApiKey.js";
import { ConsentEventSchema } from "./ConsentEvent.js";
import { ContactPolicyDocumentSchema } from "./ContactPolicyDocument.js";
import { CustomerSchema } from "./Customer.js";
import { CustomerErasureSchema } from "./CustomerErasure.js";
import { CustomerIdentitySchema } from "./CustomerIdentity.js";
import { EngagementModelVersionSchema } from "./EngagementModelVersion.js";
import { EngagementStrategySchema } from "./EngagementStrategy.js";
import { InteractionSchema } from "./Interaction.js";
import { JourneyMapSchema } from "./JourneyMap.js";
import { ModelAssignmentSchema } from "./ModelAssignment.js";
import { OrderSchema } from "./Order.js";
import { PointsOperationSchema } from "./PointsOperation.js";
import { SegmentMembershipSchema, SegmentSchema } from "./Segment.js";
import { SupportTicketSchema, TicketEventSchema } from "./SupportTicket.js";
import { SurveyResponseSchema } from "./SurveyResponse.js";
import { TriggerActionSchema } from "./TriggerAction.js";
import { TriggerDefinitionSchema } from "./TriggerDefinition.js";
import { WorkspaceSchema } from "./Workspace.js";

export {
  ApiKeySchema,
  ConsentEventSchema,
  ContactPolicyDocumentSchema,
  CustomerErasureSchema,
  CustomerIdentitySchema,
  CustomerSchema,
  EngagementModelVersionSchema,
  EngagementStrategySchema,
  InteractionSchema,
  JourneyMapSchema,
  ModelAssignmentSchema,
  OrderSchema,
  PointsOperationSchema,
  SegmentMembershipSchema,
  SegmentSchema,
  SupportTicketSchema,
  SurveyResponseSchema,
  TicketEventSchema,
  TriggerActionSchema,
  TriggerDefinitionSchema,
  WorkspaceSchema,
};
export type { ApiKeyEntity } from "./ApiKey.js";
export type { ConsentEventEntity } from "./ConsentEvent.js";
export type { ContactPolicyDocumentEntity } from "./ContactPolicyDocument.js";
export type { CustomerEntity } from "./Customer.js";
export type { CustomerErasureEntity } from "./CustomerErasure.js";
export type { CustomerIdentityEntity } from "./CustomerIdentity.js";
export type { EngagementModelVersionEntity } from "./EngagementModelVersion.js";
export type { EngagementStrategyEntity } from "./EngagementStrategy.js";
export type { InteractionEntity } from "./Interaction.js";
export type { JourneyMapEntity } from "./JourneyMap.js";
export type { ModelAssignmentEntity } from "./ModelAssignment.js";
export type { OrderEntity } from "./Order.js";
export type { PointsOperationEntity } from "./PointsOperation.js";
export type { SegmentEntity, SegmentMembershipEntity } from "./Segment.js";
export type { SupportTicketEntity, TicketEventEntity } from "./SupportTicket.js";
export type { SurveyResponseEntity } from "./SurveyResponse.js";
export type { TriggerActionEntity } from "./TriggerAction.js";
export type { TriggerDefinitionEntity } from "./TriggerDefinition.js";
export type { WorkspaceEntity } from "./Workspace.js";

/** Entities scoped by the `workspace` filter: every table but the workspaces themselves. */
export const workspaceScopedEntities = [
  CustomerSchema,
  CustomerIdentitySchema,
  OrderSchema,
  SurveyResponseSchema,
  InteractionSchema,
  SupportTicketSchema,
  TicketEventSchema,
  SegmentSchema,
  SegmentMembershipSchema,
  JourneyMapSchema,
  EngagementModelVersionSchema,
  EngagementStrategySchema,
  ModelAssignmentSchema,
  ConsentEventSchema,
  PointsOperationSchema,
  TriggerDefinitionSchema,
  ContactPolicyDocumentSchema,
  TriggerActionSchema,
  CustomerErasureSchema,
  ApiKeySchema,
];

/** Every entity engagekit persists, for the MikroORM `entities` option. */
export const entities = [WorkspaceSchema, ...workspaceScopedEntities];
