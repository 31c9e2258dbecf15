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
    // Derived state, kept current by ingestion (the core's incremental APIs).
    journeyStage: p.string().length(32).nullable(),
    ladderTier: p.string().length(32).nullable(),
    engagementScore: p.double().nullable(),
    rfmScore: p.string().length(3).nullable(),
    predictedClv: p.double().nullable(),
    pAlive: p.double().nullable(),
    /** When time-based conditions (e.g. "no purchase in 90 days") must be re-checked. */
    nextCheckAt: p.datetime().nullable(),
    /**
     * What ingestion folds each batch into instead of re-reading the history:
     * the journey-stage state, the engagement accumulator and the activity
     * history by type (see modules/state/CustomerStateDoc.ts). Null until the
     * customer's first ingestion rebuilds it from the history.
     */
    state: p.json<Record<string, unknown>>().nullable(),
    /** A random revision written with every `state`: a process's in-memory copy of the parsed state is used only while the row carries the revision it was written with. */
    stateRev: p.double().nullable(),
    /** What time-based triggers keep between runs: the P(alive) seen at the last run (a drop is measured from it). */
    triggerState: p.json<Record<string, unknown>>().nullable(),
  },
  uniques: [{ properties: ["workspace", "externalId"] }],
});

export type CustomerEntity = InferEntity<typeof CustomerSchema>;
