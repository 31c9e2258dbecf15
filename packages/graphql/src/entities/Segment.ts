import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/** A segment: a named condition-language definition (validated by the core). */
export const SegmentSchema = defineEntity({
  name: "Segment",
  tableName: "segments",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    key: p.string().length(64),
    name: p.string(),
    description: p.text().nullable(),
    definition: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "key"] }],
});

export type SegmentEntity = InferEntity<typeof SegmentSchema>;

/** Current membership of a customer in a segment, kept by incremental updates. */
export const SegmentMembershipSchema = defineEntity({
  name: "SegmentMembership",
  tableName: "segment_memberships",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    segment: () => p.manyToOne(SegmentSchema),
    customer: () => p.manyToOne(CustomerSchema),
    enteredAt: p.datetime(),
  },
  uniques: [{ properties: ["segment", "customer"] }],
  indexes: [{ properties: ["workspace", "segment"] }, { properties: ["workspace", "customer"] }],
});

export type SegmentMembershipEntity = InferEntity<typeof SegmentMembershipSchema>;
