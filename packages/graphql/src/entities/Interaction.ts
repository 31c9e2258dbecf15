import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * Something a customer did at a touchpoint on a channel (Segment's `track`).
 * `idempotencyKey` is unique per workspace: a retried batch finds its rows
 * already there and writes nothing new.
 */
export const InteractionSchema = defineEntity({
  name: "Interaction",
  tableName: "interactions",
  properties: {
    id: p.integer().primary().autoincrement(),
    // No automatic foreign-key index: the composite indexes below start with workspace_id.
    workspace: () => p.manyToOne(WorkspaceSchema).index(false),
    customer: () => p.manyToOne(CustomerSchema),
    idempotencyKey: p.string().length(191),
    type: p.string().length(64),
    channel: p.string().length(64),
    touchpoint: p.string().length(191).nullable(),
    occurredAt: p.datetime(),
    properties: p.json<Record<string, unknown>>().nullable(),
    value: p.double().nullable(),
  },
  uniques: [{ properties: ["workspace", "idempotencyKey"] }],
  indexes: [
    { properties: ["workspace", "customer", "occurredAt"] },
    { properties: ["workspace", "type", "occurredAt"] },
  ],
});

export type InteractionEntity = InferEntity<typeof InteractionSchema>;
