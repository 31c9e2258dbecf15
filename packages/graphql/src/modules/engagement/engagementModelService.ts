import {
  catalogModel,
  ChannelRegistry,
  defaultChannels,
  defaultJourneyStages,
  defaultModelTouchpoints,
  engagementModelCatalog,
  InputError,
  reviseEngagementModel,
  validateEngagementModel,
  type Channel,
  type EngagementModel,
  type EngagementModelChanges,
  type EngagementModelContext,
  type JourneyMap,
  type Touchpoint,
} from "@engagekit/core";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toDate, type SqlDate } from "../../data/sqlDate.js";
import { EngagementModelVersionSchema } from "../../entities/EngagementModelVersion.js";
import { EngagementModelSource, toEngagementModelType, type EngagementModelType } from "./EngagementModel.type.js";
import { underArgument } from "./inputPath.js";

interface VersionRow {
  model_id: string;
  version: number;
  definition: string | Record<string, unknown>;
  created_at: SqlDate;
}

/** A model as the workspace sees it: the core's document, where it comes from, when it was stored. */
export interface WorkspaceModel {
  readonly model: EngagementModel;
  readonly source: EngagementModelSource;
  readonly createdAt: Date | null;
}

const parse = (d: VersionRow["definition"]) => (typeof d === "string" ? JSON.parse(d) : d) as unknown as EngagementModel;
const fromRow = (r: VersionRow): WorkspaceModel => ({ model: parse(r.definition), source: EngagementModelSource.WORKSPACE, createdAt: toDate(r.created_at) });
const fromCatalog = (model: EngagementModel): WorkspaceModel => ({ model, source: EngagementModelSource.CATALOG, createdAt: null });
const fromPlugin = (model: EngagementModel): WorkspaceModel => ({ model, source: EngagementModelSource.PLUGIN, createdAt: null });

/** A model every workspace has without storing it: the core's catalog's, or an installed plugin's. */
function builtInModel(scope: WorkspaceScope, id: string): WorkspaceModel | undefined {
  const core = catalogModel(id);
  if (core) return fromCatalog(core);
  const plugin = scope.plugins?.models.get(id);
  return plugin ? fromPlugin(plugin) : undefined;
}

/** The API type of a workspace model. */
export const toType = (m: WorkspaceModel): EngagementModelType => toEngagementModelType(m.model, m.source, m.createdAt);

/**
 * The workspace's models at their latest versions: the core's catalog, with
 * any catalog model the workspace revised replaced by its latest stored
 * version, then the workspace's custom models; by id.
 */
export async function latestModels(scope: WorkspaceScope): Promise<Map<string, WorkspaceModel>> {
  const rows = await scope.select<VersionRow>(
    `select v.model_id, v.version, v.definition, v.created_at from engagement_model_versions v
     where v.workspace_id = ? and v.version = (select max(w.version) from engagement_model_versions w where w.workspace_id = v.workspace_id and w.model_id = v.model_id)
     order by v.model_id`,
  );
  const out = new Map<string, WorkspaceModel>();
  for (const m of engagementModelCatalog) out.set(m.id, fromCatalog(m));
  for (const m of scope.plugins?.models.values() ?? []) out.set(m.id, fromPlugin(m));
  for (const r of rows) out.set(r.model_id, fromRow(r));
  return out;
}

/** One model: its latest version, or the given one; null when the workspace has no such model (version). */
export async function findModel(scope: WorkspaceScope, id: string, version?: number): Promise<WorkspaceModel | null> {
  const rows = await scope.select<VersionRow>(
    `select model_id, version, definition, created_at from engagement_model_versions where workspace_id = ? and model_id = ?${version === undefined ? "" : " and version = ?"}
     order by version desc limit 1`,
    version === undefined ? [id] : [id, version],
  );
  const row = rows[0];
  if (row) return fromRow(row);
  const builtIn = builtInModel(scope, id);
  return builtIn && (version === undefined || builtIn.model.version === version) ? builtIn : null;
}

/** Every version of a model, oldest first (the catalog's own version first when the model is the catalog's). */
export async function modelHistory(scope: WorkspaceScope, id: string): Promise<WorkspaceModel[]> {
  const rows = await scope.select<VersionRow>("select model_id, version, definition, created_at from engagement_model_versions where workspace_id = ? and model_id = ? order by version", [id]);
  const builtIn = builtInModel(scope, id);
  return [...(builtIn ? [builtIn] : []), ...rows.map(fromRow)];
}

/**
 * The API types of the given (id, version) pairs, keyed `id@version`: one
 * statement for the stored versions, the catalog for the rest.
 */
export async function modelVersions(scope: WorkspaceScope, refs: readonly { id: string; version: number }[]): Promise<Map<string, EngagementModelType>> {
  const wanted = new Map(refs.map((r) => [`${r.id}@${r.version}`, r]));
  const out = new Map<string, EngagementModelType>();
  if (wanted.size === 0) return out;
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = await scope.select<VersionRow>(
    `select model_id, version, definition, created_at from engagement_model_versions where workspace_id = ? and model_id in (${ids.map(() => "?").join(", ")})`,
    ids,
  );
  for (const r of rows) {
    const key = `${r.model_id}@${Number(r.version)}`;
    if (wanted.has(key)) out.set(key, toType(fromRow(r)));
  }
  for (const [key, ref] of wanted) {
    if (out.has(key)) continue;
    const builtIn = builtInModel(scope, ref.id);
    if (builtIn && builtIn.model.version === ref.version) out.set(key, toType(builtIn));
  }
  return out;
}

/**
 * What a model is checked against: engagekit's channels plus those of the
 * workspace's journey maps; the journey maps' touchpoints plus the core's
 * default model touchpoints, a touchpoint both define serving the stages of
 * either (so the catalog's models, and revisions of them, stay valid in a
 * workspace with its own map); the default journey stages plus the maps'.
 */
export async function modelContext(scope: WorkspaceScope): Promise<EngagementModelContext> {
  const maps = await scope.select<{ document: string | Record<string, unknown> }>("select document from journey_maps where workspace_id = ? order by key");
  const documents = maps.map((m) => (typeof m.document === "string" ? JSON.parse(m.document) : m.document) as unknown as JourneyMap);
  const channels = new Map<string, Channel>(defaultChannels.map((c) => [c.id, c]));
  const touchpoints = new Map<string, Touchpoint>();
  const stages = new Set<string>(defaultJourneyStages.map((s) => s.id));
  for (const d of documents) {
    for (const c of d.channels ?? []) channels.set(c.id, c);
    for (const t of d.touchpoints) touchpoints.set(t.id, t);
    for (const s of d.stages) stages.add(s.id);
  }
  for (const t of defaultModelTouchpoints) {
    const mine = touchpoints.get(t.id);
    touchpoints.set(t.id, mine ? { ...mine, stages: [...new Set([...mine.stages, ...t.stages])] } : t);
  }
  return { channels: new ChannelRegistry([...channels.values()]), touchpoints: [...touchpoints.values()], stages: [...stages] };
}

const conflict = (id: string) => new GraphQLError(`an engagement model with id ${JSON.stringify(id)} exists`, { extensions: { code: "CONFLICT", field: "input.id" } });
const notFound = (id: string) => new GraphQLError(`no engagement model with id ${JSON.stringify(id)}`, { extensions: { code: "NOT_FOUND", field: "id" } });

async function insertVersion(scope: WorkspaceScope, model: EngagementModel): Promise<WorkspaceModel> {
  const createdAt = new Date();
  try {
    await scope.em.transactional(async (tx) => {
      await tx.insert(EngagementModelVersionSchema, {
        workspace: scope.workspaceId,
        modelId: model.id,
        version: model.version,
        definition: model as unknown as Record<string, unknown>,
        createdAt,
      } as never);
    });
  } catch (e) {
    // Another request stored this version first (the unique key workspace, model, version).
    if (e instanceof UniqueConstraintViolationException) {
      throw new GraphQLError(`version ${model.version} of engagement model ${JSON.stringify(model.id)} was stored by another request; read it and retry`, {
        extensions: { code: "CONFLICT", field: "id" },
      });
    }
    throw e;
  }
  return { model, source: EngagementModelSource.WORKSPACE, createdAt };
}

/**
 * Validates a custom model with the core and stores it as version 1.
 * CONFLICT when the id is a catalog or plugin model's or one the workspace has;
 * BAD_USER_INPUT (path under `input`) when the core refuses it.
 */
export async function createModel(scope: WorkspaceScope, input: unknown): Promise<WorkspaceModel> {
  const context = await modelContext(scope);
  const model = underArgument("input", () => validateEngagementModel({ ...(input as object), version: 1 }, context));
  if (await findModel(scope, model.id)) throw conflict(model.id);
  return insertVersion(scope, model);
}

/**
 * Stores the next version of a model: the core revises the latest version
 * (a catalog model's first workspace version is the catalog's + 1) with the
 * changes and validates the result. Old versions stay.
 */
export async function updateModel(scope: WorkspaceScope, id: string, changes: unknown): Promise<WorkspaceModel> {
  const previous = await findModel(scope, id);
  if (!previous) throw notFound(id);
  const context = await modelContext(scope);
  let next: EngagementModel;
  try {
    next = reviseEngagementModel(previous.model, changes as EngagementModelChanges, context);
  } catch (e) {
    // Paths of the revised model's validation name its fields; the id/version checks already start at "changes".
    if (e instanceof InputError) throw new InputError(e.code, e.message, e.path[0] === "changes" ? e.path : ["changes", ...e.path], e.value);
    throw e;
  }
  // Nothing changed: the core returns the previous version itself, and no version is minted.
  return next === previous.model ? previous : insertVersion(scope, next);
}
