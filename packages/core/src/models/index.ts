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
