// Public surface of the engagement-models area (issue 18): the model and strategy types, the catalog of
// the twelve models, their validation and revision, recommendation, cost to serve and contact-cadence
// reports; re-exported by src/index.ts. Other areas of this folder append their own export lines below.

// Types
export type {
  EngagementModel,
  EngagementModelKind,
  TouchLevel,
  AutomationLevel,
  OwnerRole,
  CadencePeriod,
  ContactCadence,
  BestFor,
  PlaybookEntry,
  CostToServe,
  CostComponent,
} from "./EngagementModel.js";
export type { EngagementStrategy, StrategyRule, ModelCapacities } from "./EngagementStrategy.js";

// Catalog, validation, revision, strategy, recommendation, cost and cadence (Agent CATALOG)
export { engagementModelCatalog, catalogModel } from "./engagementModelCatalog.js";
export { defaultModelTouchpoints } from "./defaultModelTouchpoints.js";
export { validateEngagementModel } from "./validateEngagementModel.js";
export type { EngagementModelContext } from "./validateEngagementModel.js";
export { reviseEngagementModel } from "./reviseEngagementModel.js";
export type { EngagementModelChanges } from "./reviseEngagementModel.js";
export { validateEngagementStrategy, validateCapacities } from "./validateEngagementStrategy.js";
export type { EngagementStrategyContext } from "./validateEngagementStrategy.js";
export { recommendEngagementModels, recommendationThresholds } from "./recommendEngagementModels.js";
export type { RecommendationInput, RecommendationOptions, ModelRecommendation } from "./recommendEngagementModels.js";
export { costToServe, expectedAssignmentCost, periodDays } from "./costToServe.js";
export type { AssignmentCost, ModelCostLine } from "./costToServe.js";
export { contactCadenceReport } from "./contactCadenceReport.js";
export type { CadenceTimestamp, CadenceCustomer, CadenceStatus, CadenceLine, CadenceModelCounts, ContactCadenceReport } from "./contactCadenceReport.js";

// Assignment of customers to models (Agent ASSIGN)
export { assignEngagementModels } from "./assignEngagementModels.js";
export type { AssignEngagementModelsOptions } from "./assignEngagementModels.js";
export type { AssignmentCustomer } from "./AssignmentCustomer.js";
export type { EngagementAssignment, EngagementAssignmentResult, ModelUsage } from "./EngagementAssignment.js";

// Health score and model effectiveness (Agent EFFECT)
export { healthScore } from "./healthScore.js";
export { defaultHealthScoreConfig } from "./defaultHealthScoreConfig.js";
export type {
  HealthScoreConfig,
  HealthMeasure,
  HealthDirection,
  HealthColor,
  HealthScoring,
  HealthThresholds,
  HealthPoints,
  HealthMeasureValues,
  HealthMeasureScore,
  HealthTrend,
  HealthScore,
} from "./HealthScoreConfig.js";
export { modelEffectiveness } from "./modelEffectiveness.js";
export type {
  EffectivenessRow,
  EffectivenessModelCost,
  EffectivenessBootstrap,
  ModelEffectivenessOptions,
  EffectivenessMetric,
  MeanWithTotal,
  GroupEffectiveness,
  EffectivenessMetricId,
  ModelComparison,
  ModelRoi,
  CovariateBalance,
  ModelEffectivenessReport,
} from "./ModelEffectivenessReport.js";
