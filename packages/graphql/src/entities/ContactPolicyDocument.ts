import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/** A workspace's contact policy (the core's `ContactPolicy`, validated), one per workspace. */
export const ContactPolicyDocumentSchema = defineEntity({
  name: "ContactPolicyDocument",
  tableName: "contact_policies",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema).unique(),
    document: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type ContactPolicyDocumentEntity = InferEntity<typeof ContactPolicyDocumentSchema>;
