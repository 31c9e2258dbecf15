import type { ConsentDecision } from "../consent/isAllowed.js";
import type { TriggerAction, TriggerConditionKind } from "./Trigger.js";

/**
 * An action a trigger produced for a customer: what to do, why, and the key
 * that deduplicates it. `dedupKey` = `triggerId|customerId|cause`; record it
 * once the action is done (or deliberately skipped) so the same cause never
 * fires the trigger again.
 */
export interface DueAction {
  readonly customerId: string;
  readonly triggerId: string;
  readonly action: TriggerAction;
  readonly priority: number;
  readonly dedupKey: string;
  /** The cause part of the key: `interaction:<id>`, `segmentEntered:<segment>@<t>`, `date:<trait>@<t>`, `metric:<name>@<t>`, `pAlive@<t>`. */
  readonly cause: string;
  readonly conditionKind: TriggerConditionKind;
  /** A sentence saying why it fired. */
  readonly reason: string;
  /** Epoch ms of the evaluation that produced it. */
  readonly firedAt: number;
  /** For tasks: epoch ms by which the task is due (firedAt + dueWithinHours). */
  readonly dueBy?: number;
}

/** A customer the trigger would have fired for but who is in its holdout: no action, recorded for uplift. */
export interface HeldOutAction {
  readonly customerId: string;
  readonly triggerId: string;
  readonly dedupKey: string;
  readonly cause: string;
  readonly rule: "holdout";
  readonly firedAt: number;
}

/** A firing consent does not allow (a marketing action without marketing consent on its channel, or a refused service channel). */
export interface BlockedAction {
  readonly customerId: string;
  readonly triggerId: string;
  readonly dedupKey: string;
  readonly cause: string;
  readonly rule: "consent";
  readonly consent: ConsentDecision;
  readonly firedAt: number;
}
