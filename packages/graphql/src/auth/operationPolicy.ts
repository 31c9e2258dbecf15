import type { GraphQLField } from "graphql";
import type { Role } from "./Role.js";

const ALL: readonly Role[] = ["admin", "writer", "reader", "analytics"];
const READ: readonly Role[] = ["admin", "writer", "reader"];
const WRITE: readonly Role[] = ["admin", "writer"];
const ADMIN: readonly Role[] = ["admin"];

/**
 * Who may call each root field of engagekit's own schema. `ALL` includes
 * the analytics role: aggregates, and customer lists whose personal fields it
 * sees masked. `READ` leaves it out where an answer is a free-form document
 * about one customer (an explained segment tree quotes the customer's trait
 * values; a due action's reason quotes the facts that fired it). A field
 * missing here falls back to {@link rolesOf}'s defaults — the role test
 * (apps/server/test/auth.test.ts) lists every root field of the schema and
 * fails on one this table does not classify.
 */
export const OPERATION_ROLES: Readonly<Record<"Query" | "Mutation", Readonly<Record<string, readonly Role[]>>>> = {
  Query: {
    customers: ALL,
    customer: ALL,
    csat: ALL,
    ces: ALL,
    cesBreakdown: ALL,
    nps: ALL,
    csatBreakdown: ALL,
    npsBreakdown: ALL,
    compareCsat: ALL,
    compareNps: ALL,
    interactions: ALL,
    segments: ALL,
    segment: ALL,
    validateSegment: ALL,
    previewSegment: ALL,
    explainSegment: READ,
    valueSummary: ALL,
    funnel: ALL,
    touchpointTransitions: ALL,
    journeyMaps: ALL,
    journeyMap: ALL,
    channels: ALL,
    touchpoints: ALL,
    responseTimes: ALL,
    selfServiceDeflectionRate: ALL,
    cohortRetention: ALL,
    repeatPurchaseRate: ALL,
    churnSurvival: ALL,
    workspace: ALL,
    engagementModels: ALL,
    engagementModel: ALL,
    engagementModelVersions: ALL,
    engagementStrategy: ALL,
    modelEffectiveness: ALL,
    modelRecommendations: ALL,
    recommendations: READ,
    triggers: ALL,
    contactPolicy: ALL,
    dueActions: READ,
    upliftReport: ALL,
    analyticsExport: ALL,
    exportCustomerData: ADMIN,
    apiKeys: ADMIN,
    metrics: ALL,
  },
  Mutation: {
    recordInteractions: WRITE,
    recordSurveyAnswers: WRITE,
    recordOrders: WRITE,
    recordTicketEvents: WRITE,
    setConsent: WRITE,
    awardPoints: WRITE,
    redeemPoints: WRITE,
    markActionDone: WRITE,
    createSegment: ADMIN,
    updateSegment: ADMIN,
    deleteSegment: ADMIN,
    refreshCustomerValues: ADMIN,
    saveJourneyMap: ADMIN,
    deleteJourneyMap: ADMIN,
    createEngagementModel: ADMIN,
    updateEngagementModel: ADMIN,
    setEngagementStrategy: ADMIN,
    assignEngagementModels: ADMIN,
    createTrigger: ADMIN,
    pauseTrigger: ADMIN,
    resumeTrigger: ADMIN,
    setContactPolicy: ADMIN,
    eraseCustomer: ADMIN,
    createApiKey: ADMIN,
    rotateApiKey: ADMIN,
    revokeApiKey: ADMIN,
  },
};

/** The field extension a plugin sets to choose who may call its root field: `@Extensions({ roles: ["writer"] })`. */
export const ROLES_EXTENSION = "roles";

/**
 * The roles allowed to call a root field: the field's own `roles`
 * extension (a plugin's choice), else engagekit's table, else the safe
 * defaults — queries for admin, writer and reader (not analytics: an unknown
 * field may answer personal data), mutations for admin only.
 */
export function rolesOf(rootType: "Query" | "Mutation" | "Subscription", field: GraphQLField<unknown, unknown>): readonly Role[] {
  const declared = field.extensions?.[ROLES_EXTENSION];
  if (Array.isArray(declared)) return declared as Role[];
  if (rootType === "Subscription") return READ;
  return OPERATION_ROLES[rootType][field.name] ?? (rootType === "Query" ? READ : ADMIN);
}
