import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/** A journey map document (stages, personas, touchpoints, cells), validated by the core before it is stored. */
export const JourneyMapSchema = defineEntity({
  name: "JourneyMap",
  tableName: "journey_maps",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    key: p.string().length(64),
    name: p.string(),
    document: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "key"] }],
});

export type JourneyMapEntity = InferEntity<typeof JourneyMapSchema>;
