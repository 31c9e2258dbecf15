import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/** A customer of a workspace, known by an external id unique within it. */
export const CustomerSchema = defineEntity({
  name: "Customer",
  tableName: "customers",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema).index(),
    externalId: p.string().length(191),
    email: p.string().nullable(),
    traits: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "externalId"] }],
});

export type CustomerEntity = InferEntity<typeof CustomerSchema>;
