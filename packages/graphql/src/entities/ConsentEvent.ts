import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * One consent event (the core's `ConsentRecord`): a customer granted, denied
 * or withdrew consent for a purpose, purpose-wide (`channel` null) or on one
 * channel, at a time, from a source. Events are never edited; a customer's
 * current consent is the core's fold of them (`consentLedger`).
 * `idempotencyKey` is unique per workspace: a retried batch writes nothing new.
 */
export const ConsentEventSchema = defineEntity({
  name: "ConsentEvent",
  tableName: "consent_events",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    idempotencyKey: p.string().length(191),
    // Plain strings, checked by the core's validateConsentRecord (SQLite schema diffs misread enum check constraints).
    purpose: p.string().length(32).$type<"marketing" | "personalization" | "analytics" | "service">(),
    channel: p.string().length(64).nullable(),
    status: p.string().length(16).$type<"granted" | "denied" | "withdrawn">(),
    at: p.datetime(),
    source: p.string().length(191),
    expiresAt: p.datetime().nullable(),
    recordedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "idempotencyKey"] }],
  indexes: [{ properties: ["workspace", "customer"] }],
});

export type ConsentEventEntity = InferEntity<typeof ConsentEventSchema>;
