// Public surface of the proactive-engagement area (issue 13): triggers and their validation, batch
// evaluation into due actions (indexed, deduplicated, with deterministic holdouts), the contact policy
// (frequency caps, quiet hours, complaint cool-down, consent) and the uplift report; re-exported by src/index.ts.
export type {
  Trigger,
  TriggerCondition,
  TriggerConditionKind,
  TriggerAction,
  ThresholdOperator,
  MessagePurpose,
  CustomTriggerAction,
} from "./Trigger.js";
export type { CustomActionKind } from "./CustomActionKind.js";
export { actionContact } from "./actionContact.js";
export type { ActionContact } from "./actionContact.js";
export type { CustomerFacts, FactInteraction, SegmentChange, MetricObservation, PAliveChange } from "./CustomerFacts.js";
export type { DueAction, HeldOutAction, BlockedAction } from "./DueAction.js";
export { validateTrigger } from "./validateTrigger.js";
export type { TriggerReferences } from "./validateTrigger.js";
export { validateTriggers } from "./validateTriggers.js";
export { indexTriggers } from "./indexTriggers.js";
export type { TriggerIndex } from "./indexTriggers.js";
export { evaluateTriggers, dedupKeyOf } from "./evaluateTriggers.js";
export type { EvaluateTriggersOptions, TriggerEvaluation } from "./evaluateTriggers.js";
export { holdoutHash, isHeldOut } from "./holdout.js";
export type { ContactPolicy, FrequencyCap, QuietHours, SentContact, CustomerContactState } from "./ContactPolicy.js";
export { validateContactPolicy } from "./validateContactPolicy.js";
export { applyContactPolicy } from "./applyContactPolicy.js";
export type { ContactPolicyRule, ContactPolicyResult, KeptAction, DeferredAction, DroppedAction } from "./applyContactPolicy.js";
export { upliftReport } from "./upliftReport.js";
export type { UpliftOutcome, UpliftEstimate, UpliftGroupSummary, UpliftReport, UpliftReportOptions } from "./upliftReport.js";
