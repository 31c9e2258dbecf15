// Public surface of the journey area (journeys, touchpoints, channels, funnels, paths, stages) and of
// src/identity (identity stitching); re-exported by src/index.ts.

// Channels, touchpoints, interactions
export type { Channel, ChannelKind } from "./Channel.js";
export { defaultChannels } from "./defaultChannels.js";
export { ChannelRegistry } from "./ChannelRegistry.js";
export type { Touchpoint, TouchpointOwnership } from "./Touchpoint.js";
export { standardInteractionTypes } from "./InteractionType.js";
export type { InteractionType } from "./InteractionType.js";
export type { Interaction } from "./Interaction.js";
export type { InteractionContext } from "./InteractionContext.js";
export { validateInteraction } from "./validateInteraction.js";
export { validateInteractions } from "./validateInteractions.js";
export { dedupeInteractions } from "./dedupeInteractions.js";
export type { DedupedInteractions } from "./dedupeInteractions.js";
export type { InteractionFilter } from "./InteractionFilter.js";
export { matchesFilter } from "./matchesFilter.js";
export { customerKeyOf } from "./customerKeyOf.js";
export type { InteractionColumns } from "./InteractionColumns.js";
export { toInteractionColumns } from "./toInteractionColumns.js";

// Journey maps
export type { Persona } from "./Persona.js";
export type { JourneyStage } from "./JourneyStage.js";
export { defaultJourneyStages } from "./defaultJourneyStages.js";
export type { JourneyMap, JourneyMapCell, JourneyEmotion, JourneyKpi } from "./JourneyMap.js";
export { validateJourneyMap } from "./validateJourneyMap.js";
export type { JourneyMapValidation } from "./validateJourneyMap.js";

// Funnels
export type { FunnelDefinition, FunnelStep, FunnelMode, FunnelExclusion } from "./FunnelDefinition.js";
export type { FunnelOptions, FunnelBreakdown } from "./FunnelOptions.js";
export type { FunnelResult, FunnelStepResult, DurationSummary, FunnelBreakdownGroup } from "./FunnelResult.js";
export { computeFunnel } from "./computeFunnel.js";
export { computeFunnelColumnar } from "./computeFunnelColumnar.js";

// Paths
export { nextTouchpoints } from "./nextTouchpoints.js";
export type { TouchpointTransition, NextTouchpointsOptions } from "./nextTouchpoints.js";
export { topConversionPaths } from "./topConversionPaths.js";
export type { ConversionPaths, ConversionPathsOptions } from "./topConversionPaths.js";

// Journey stages
export type { StageRules, StageRule, LapseRule } from "./StageRules.js";
export { defaultStageRules } from "./defaultStageRules.js";
export type { StageTransition, CustomerStageHistory } from "./CustomerStageHistory.js";
export { inferJourneyStages } from "./inferJourneyStages.js";
export { advanceJourneyStages } from "./advanceJourneyStages.js";
export { journeyStagesAt } from "./journeyStagesAt.js";
export type { JourneyStageAdvance } from "./advanceJourneyStages.js";
export type { JourneyStageState } from "./JourneyStageState.js";
export type { StageInferenceOptions } from "./inferJourneyStages.js";
export { inferJourneyStagesColumnar } from "./inferJourneyStagesColumnar.js";
export type { StageColumns } from "./StageColumns.js";
export { stageHealth } from "./stageHealth.js";
export type { StageHealth, PainPoint, StageHealthOptions } from "./stageHealth.js";

// Identity stitching (src/identity)
export type { IdentifierKind, IdentifierRef } from "../identity/IdentifierRef.js";
export { IdentityGraph } from "../identity/IdentityGraph.js";
export type { IdentityGraphOptions } from "../identity/IdentityGraphOptions.js";
export type { MergeRecord, RefusedLink, ObserveResult, IdentityProfile } from "../identity/IdentityRecords.js";
export { normalizeIdentifier } from "../identity/normalizeIdentifier.js";
