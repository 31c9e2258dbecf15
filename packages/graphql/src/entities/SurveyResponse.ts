import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * One answer to a feedback question. `score` is null for a non-answer
 * ("don't know", skipped): stored, counted as skipped, never scored.
 * The scale travels with the answer so metrics can validate it.
 */
export const SurveyResponseSchema = defineEntity({
  name: "SurveyResponse",
  tableName: "survey_responses",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema).index(),
    customer: () => p.manyToOne(CustomerSchema).nullable(),
    survey: p.string().length(64),
    // A plain string, checked by the API: SQLite schema diffs misread enum check constraints.
    kind: p.string().length(8).$type<"CSAT" | "NPS" | "CES">(),
    score: p.integer().nullable(),
    scaleMin: p.integer(),
    scaleMax: p.integer(),
    touchpoint: p.string().nullable(),
    channel: p.string().nullable(),
    respondedAt: p.datetime(),
    idempotencyKey: p.string().length(191).nullable(),
  },
  uniques: [{ properties: ["workspace", "idempotencyKey"] }],
  indexes: [{ properties: ["workspace", "kind", "respondedAt"] }, { properties: ["workspace", "customer"] }],
});

export type SurveyResponseEntity = InferEntity<typeof SurveyResponseSchema>;
