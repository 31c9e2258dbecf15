import { TriggerType } from "./Trigger.type.js";
import { EVENT_DRIVEN_KINDS, type StoredTrigger } from "./triggerSet.js";

/** The API view of a stored trigger. */
export function toTriggerType(s: StoredTrigger): TriggerType {
  const t = s.trigger;
  return Object.assign(new TriggerType(), {
    id: t.id,
    condition: { ...t.condition },
    action: { ...t.action },
    priority: t.priority,
    holdoutShare: t.holdoutShare,
    paused: t.paused === true,
    evaluatedOn: EVENT_DRIVEN_KINDS.has(t.condition.kind) ? "event" : "schedule",
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  });
}
