// Public surface of the segments area; re-exported by src/index.ts.

// Condition language: one schema source for the JSON Schema and the types
export { segmentDefinitionSchema, builtInConditionSchemas } from "./SegmentDefinition.js";
export type { SegmentCondition, SegmentConditionOf, SegmentDefinition } from "./SegmentDefinition.js";
export type { Static, TSchema } from "./schemaBuilder.js";
export { validateSegmentDefinition, isValidSegmentDefinition } from "./validateSegmentDefinition.js";
export type { SegmentValidation } from "./validateSegmentDefinition.js";
export type { SegmentIssue } from "./SegmentIssue.js";
export type { SegmentOptions } from "./SegmentOptions.js";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES } from "./SegmentOptions.js";
export { MAX_VARIABLE_QUANTIFIERS } from "./_internal/regexSafety.js";

// Extension point: condition kinds
export { createConditionRegistry, registerConditionKind } from "./ConditionRegistry.js";
export type { ConditionRegistry } from "./ConditionRegistry.js";
export type { ConditionKind, ConditionCheckContext, NextChange, ProfilePredicate, TraitType } from "./ConditionKind.js";
export { consentConditionKind } from "./consentConditionKind.js";

// Profiles
export type { Profile, TraitValue, InteractionHistory, ProfileValues, RfmValue, LadderTier } from "./Profile.js";
export { recordInteraction } from "./recordInteraction.js";
export type { RecordInteractionOptions } from "./recordInteraction.js";

// Evaluation
export { compileSegment } from "./compileSegment.js";
export { explainSegment, segmentExplainer } from "./explainSegment.js";
export type { SegmentExplanation } from "./explainSegment.js";

// Incremental membership
export { createSegmentMembership } from "./createSegmentMembership.js";
export { conditionHistoryWindows, coversHistoryWindows, historyWindowOf, mergeHistoryWindows, NO_HISTORY_WINDOWS } from "./historyWindows.js";
export type { HistoryWindows } from "./historyWindows.js";
export type { SegmentMembership, MembershipState, MembershipDelta } from "./createSegmentMembership.js";
export { profileChangeKey } from "./ProfileChange.js";
export type { ProfileChange } from "./ProfileChange.js";

// RFM
export { rfmScores } from "./rfmScores.js";
export type { RfmInput, RfmScores, RfmScoreOptions } from "./rfmScores.js";
export { rfmFromTransactions } from "./rfmFromTransactions.js";
export type { RfmTransactions, RfmCustomers } from "./rfmFromTransactions.js";
export { rfmSegment } from "./rfmSegment.js";
export { defaultRfmSegmentGrid, defaultRfmSegmentNames } from "./rfmSegmentGrid.js";
export type { RfmSegmentGrid, RfmSegmentName } from "./rfmSegmentGrid.js";
export { rfmAnalysis } from "./rfmAnalysis.js";
export type { RfmAnalysis, RfmAnalysisOptions } from "./rfmAnalysis.js";

// Engagement ladder and score
export { engagementLadder } from "./engagementLadder.js";
export type { EngagementLadder, LadderState, LadderTransition } from "./engagementLadder.js";
export { defaultLadderCriteria, ladderTiers } from "./defaultLadderCriteria.js";
export type { LadderCriteria } from "./defaultLadderCriteria.js";
export { engagementScore } from "./engagementScore.js";
export type { EngagementScore } from "./engagementScore.js";
export { addEngagementEvent, engagementScoreAt } from "./engagementAccumulator.js";
export type { EngagementAccumulator } from "./engagementAccumulator.js";
export { defaultEngagementWeights } from "./EngagementScoreConfig.js";
export type { EngagementEvent, EngagementScoreConfig } from "./EngagementScoreConfig.js";

// Personas
export { definePersona } from "./definePersona.js";
export type { PersonaSegment } from "./definePersona.js";
