import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/** A support ticket; its timeline is in `ticket_events`. */
export const SupportTicketSchema = defineEntity({
  name: "SupportTicket",
  tableName: "support_tickets",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema).nullable().index(),
    externalId: p.string().length(191),
    channel: p.string().length(64).nullable(),
    openedAt: p.datetime(),
  },
  uniques: [{ properties: ["workspace", "externalId"] }],
  indexes: [{ properties: ["workspace", "openedAt"] }],
});

export type SupportTicketEntity = InferEntity<typeof SupportTicketSchema>;

/** One event on a ticket: opened, agent_reply, customer_reply, resolved, reopened. */
export const TicketEventSchema = defineEntity({
  name: "TicketEvent",
  tableName: "ticket_events",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    ticket: () => p.manyToOne(SupportTicketSchema).index(),
    idempotencyKey: p.string().length(191),
    type: p.string().length(32),
    occurredAt: p.datetime(),
  },
  uniques: [{ properties: ["workspace", "idempotencyKey"] }],
});

export type TicketEventEntity = InferEntity<typeof TicketEventSchema>;
