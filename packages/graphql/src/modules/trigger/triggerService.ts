import { ErrorCodes, InputError, validateContactPolicy, validateTrigger, type ContactPolicy, type Trigger } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { insertRows } from "../../data/insertRows.js";
import { dialect } from "../../data/sqlDialect.js";
import { ContactPolicyDocumentSchema } from "../../entities/ContactPolicyDocument.js";
import { TriggerDefinitionSchema } from "../../entities/TriggerDefinition.js";
import { invalidateTriggerSet, triggerSet, type StoredTrigger } from "./triggerSet.js";
import { triggerReferences } from "./triggerReferences.js";
import { ANSWER_METRICS } from "../state/CustomerStateDoc.js";

/**
 * The metrics the server observes with a time (so a threshold trigger has a
 * cause): the latest NPS, CSAT and CES answers, on their reference scales
 * (NPS 0–10, CSAT 1–5, CES 1–7; see `answerMetric`).
 */
export const OBSERVED_METRICS: readonly string[] = Object.values(ANSWER_METRICS);

/** Re-roots a core error path (`["policy", …]`) under the argument's name. */
function under(e: unknown, root: string, drop: number): never {
  if (e instanceof InputError) throw new InputError(e.code, e.message, [root, ...e.path.slice(drop)], e.value);
  throw e;
}

/**
 * Creates a trigger: checked by the core's validateTrigger against the
 * workspace's segments and channels (BAD_USER_INPUT at `input.<field>`),
 * plus the server's rules — an id of at most 191 characters not already
 * used (JOURNEY.DUPLICATE_ID at `input.id`), a metric threshold on a metric
 * the server observes. Nothing is written when any check fails.
 */
export async function createTrigger(scope: WorkspaceScope, input: Record<string, unknown>): Promise<StoredTrigger> {
  const refs = await triggerReferences(scope);
  let trigger: Trigger;
  try {
    trigger = validateTrigger({ ...input, paused: false }, refs, ["input"]);
  } catch (e) {
    return under(e, "input", 1);
  }
  if (trigger.id.length > 191) throw new InputError(ErrorCodes.OUT_OF_RANGE, `createTrigger requires an id of at most 191 characters`, ["input", "id"], trigger.id);
  const c = trigger.condition;
  if (c.kind === "metricThreshold" && !OBSERVED_METRICS.includes(c.metric)) {
    throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `createTrigger requires a metric the server observes (${OBSERVED_METRICS.join(", ")}), got ${JSON.stringify(c.metric)}`, ["input", "condition", "metric"], c.metric);
  }
  const { paused: _paused, ...definition } = trigger;
  const ws = scope.workspaceId;
  await scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    const taken = await t.select<{ id: number }>("select id from triggers where workspace_id = ? and key = ?", [trigger.id]);
    if (taken.length > 0) throw new InputError(ErrorCodes.DUPLICATE_ID, `createTrigger requires an id not used by another trigger of the workspace, got ${JSON.stringify(trigger.id)}`, ["input", "id"], trigger.id);
    const now = new Date();
    await insertRows(tx, TriggerDefinitionSchema, ["workspace", "key"], [
      { workspace: ws, key: trigger.id, definition, paused: dialect(tx) === "sqlite" ? 0 : false, createdAt: now, updatedAt: now },
    ]);
  });
  invalidateTriggerSet(scope);
  return (await triggerSet(scope)).byKey.get(trigger.id) as StoredTrigger;
}

/** Pauses or resumes a trigger by id: NOT_FOUND when the workspace has none with that id. Idempotent. */
export async function setPaused(scope: WorkspaceScope, key: string, paused: boolean): Promise<StoredTrigger> {
  const pg = dialect(scope.em) === "postgresql";
  await scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    const found = await t.select<{ id: number }>("select id from triggers where workspace_id = ? and key = ?", [key]);
    if (found.length === 0) throw new GraphQLError(`no trigger with id ${JSON.stringify(key)}`, { extensions: { code: "NOT_FOUND", field: "id" } });
    await t.execute("update triggers set paused = ?, updated_at = ? where workspace_id = :workspace and key = ?", [pg ? paused : paused ? 1 : 0, pg ? new Date() : Date.now(), key]);
  });
  invalidateTriggerSet(scope);
  return (await triggerSet(scope)).byKey.get(key) as StoredTrigger;
}

/** Sets the workspace's contact policy: the core's validateContactPolicy on the workspace's channels (BAD_USER_INPUT at `input.<field>`); replaces the previous one. */
export async function setContactPolicy(scope: WorkspaceScope, input: Record<string, unknown>): Promise<ContactPolicy> {
  const { channels } = await triggerReferences(scope);
  let policy: ContactPolicy;
  try {
    policy = validateContactPolicy(input, { channels });
  } catch (e) {
    return under(e, "input", 1);
  }
  const ws = scope.workspaceId;
  const pg = dialect(scope.em) === "postgresql";
  await scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    const now = new Date();
    const had = await t.select<{ id: number }>("select id from contact_policies where workspace_id = ?");
    if (had.length > 0) await t.execute("update contact_policies set document = ?, updated_at = ? where workspace_id = :workspace", [JSON.stringify(policy), pg ? now : now.getTime()]);
    else await insertRows(tx, ContactPolicyDocumentSchema, ["workspace"], [{ workspace: ws, document: policy, updatedAt: now }]);
  });
  invalidateTriggerSet(scope);
  return policy;
}
