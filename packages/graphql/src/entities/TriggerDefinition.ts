import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * A proactive-engagement trigger of a workspace (the core's `Trigger`): the
 * validated definition as JSON, keyed by the trigger id unique per
 * workspace. `paused` is kept beside the document so pausing never rewrites it.
 */
export const TriggerDefinitionSchema = defineEntity({
  name: "TriggerDefinition",
  tableName: "triggers",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    key: p.string().length(191),
    definition: p.json<Record<string, unknown>>(),
    paused: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "key"] }],
});

export type TriggerDefinitionEntity = InferEntity<typeof TriggerDefinitionSchema>;
