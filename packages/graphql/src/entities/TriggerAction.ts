import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * One firing of a trigger for a customer and what became of it: an action
 * due now (`pending`), later (`deferred`, `due_at` = the policy's send time),
 * stopped by the contact policy (`dropped`, with `rule`), withheld for the
 * holdout (`held_out`), blocked by consent at evaluation (`blocked`), or done.
 * `dedup_key` (the core's `triggerId|customerId|cause`) is unique per
 * workspace: a recorded key never fires again, whatever its status.
 */
export const TriggerActionSchema = defineEntity({
  name: "TriggerAction",
  tableName: "trigger_actions",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    triggerKey: p.string().length(191),
    dedupKey: p.string().length(512),
    cause: p.text(),
    conditionKind: p.string().length(32),
    status: p.string().length(16).$type<"pending" | "deferred" | "dropped" | "held_out" | "blocked" | "done">(),
    priority: p.double(),
    reason: p.text(),
    rule: p.string().length(32).nullable(),
    ruleReason: p.text().nullable(),
    actionType: p.string().length(16).$type<"message" | "task" | "offer" | "custom">(),
    channel: p.string().length(64).nullable(),
    purpose: p.string().length(16).nullable(),
    action: p.json<Record<string, unknown>>(),
    firedAt: p.datetime(),
    dueAt: p.datetime().nullable(),
    doneAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ["workspace", "dedupKey"] }],
  indexes: [{ properties: ["workspace", "status", "id"] }, { properties: ["workspace", "triggerKey"] }, { properties: ["workspace", "customer", "dueAt"] }],
});

export type TriggerActionEntity = InferEntity<typeof TriggerActionSchema>;
