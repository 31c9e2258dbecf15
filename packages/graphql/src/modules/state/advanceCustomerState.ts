import { engagementLadder, journeyStagesAt, mergeHistoryWindows, type Interaction, type JourneyStageState, type LadderTier, type MetricObservation, type Profile } from "@engagekit/core";
import { PROFILE_COLUMNS, profileFromColumns, type ProfileColumns } from "../../data/customerProfile.js";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toMs } from "../../data/sqlDate.js";
import { chunks } from "../../data/chunks.js";
import { updateColumns } from "../../data/updateColumns.js";
import { dialect } from "../../data/sqlDialect.js";
import { loadInteractions } from "../journey/loadInteractions.js";
import { profileConsent } from "../consent/consentService.js";
import { segmentHistoryWindows } from "../segment/segmentService.js";
import { newStateRev, stateCacheOf, type StateCache } from "./stateCache.js";
import {
  ANSWER_METRICS,
  foldable,
  foldStateDocs,
  historiesOf,
  parseStateDoc,
  scoreAt,
  STAGE_RULES,
  type ActivityBatch,
  type AnswerEvent,
  type CustomerStateDoc,
  type FeedbackKindName,
  type Folded,
} from "./CustomerStateDoc.js";

/** A customer's journey stage or ladder rung moved. */
export interface StateChange {
  readonly customerId: number;
  readonly kind: "journeyStage" | "ladderTier";
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string;
}

interface CustomerRow extends ProfileColumns {
  journey_stage: string | null;
  state_rev: number | string | null;
  next_check_at: string | number | Date | null;
}

const ladder = engagementLadder();

/**
 * Brings the journey stage (the core's stage rules, lapses evaluated up to
 * `now`), the engagement-ladder rung and the time-decayed engagement score
 * of the given customers up to date after a batch, writes them, and returns
 * the stage and rung changes with their reasons, and the customers' segment
 * profiles (for the membership refresh that follows), consent as of `now`
 * included (`profileConsent`: one probe query when the workspace has no
 * consent events), and their stored next check times.
 *
 * Incremental: each customer's saved {@link CustomerStateDoc} takes the
 * batch's own events (`batch`, already inserted), so the work does not grow
 * with the customer's history. A customer without a readable document, or
 * whose batch brings an interaction older than its saved stage, is rebuilt
 * from the full history once, in the same way as before (the results are
 * the same: `advanceJourneyStages` equals replaying the whole log).
 * The profile's last NPS answer, and the latest answer of each kind the
 * metric-threshold triggers read (`metrics`: for the customers whose batch
 * brought answers, the kinds it brought), come from the same documents.
 * The saved documents come from this process's {@link StateCache} while
 * the rows keep the revision the copies were written with, else from the
 * rows' JSON. Runs in the batch's transaction; on PostgreSQL it locks the
 * customers' rows first, so concurrent batches on the same customers fold in turn.
 */
export async function advanceCustomerState(
  scope: WorkspaceScope,
  ids: readonly number[],
  now: number,
  batch: ActivityBatch,
): Promise<{ changes: StateChange[]; profiles: Map<number, Profile>; nextChecks: Map<number, number | null>; metrics: Map<number, Record<string, MetricObservation>> }> {
  if (ids.length === 0) return { changes: [], profiles: new Map(), nextChecks: new Map(), metrics: new Map() };
  const lock = dialect(scope.em) === "postgresql" ? " order by id for update" : "";
  const rows = new Map<number, CustomerRow>();
  for (const part of chunks(ids)) {
    for (const row of await scope.select<CustomerRow>(
      `select ${PROFILE_COLUMNS}, journey_stage, state_rev, next_check_at from customers where workspace_id = ? and id in (${part.map(() => "?").join(", ")})${lock}`,
      part,
    )) {
      rows.set(Number(row.id), row);
    }
  }
  // The saved states: this process's parsed copy while the row keeps its revision, else the row's JSON.
  const cache = stateCacheOf(scope.em.config);
  const stored = new Map<number, CustomerStateDoc | null>();
  const unread: number[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    const doc = row ? cache.get(scope.workspaceId, id, row.state_rev === null ? null : Number(row.state_rev)) : undefined;
    if (doc) stored.set(id, doc);
    else if (row) unread.push(id);
  }
  for (const part of chunks(unread)) {
    for (const row of await scope.select<{ id: number; state: string | Record<string, unknown> | null }>(
      `select id, state from customers where workspace_id = ? and id in (${part.map(() => "?").join(", ")})`,
      part,
    )) {
      stored.set(Number(row.id), parseStateDoc(row.state));
    }
  }

  // The times the segments and the ladder read; documents keeping less are rebuilt.
  const windows = mergeHistoryWindows(await segmentHistoryWindows(scope), ladder.historyWindows);
  // Fold the batch into the saved documents; rebuild the others from their history.
  const earliest = new Map<number, number>();
  for (const i of batch.interactions) {
    const id = Number(i.customer.value);
    const seen = earliest.get(id);
    if (seen === undefined || i.timestamp < seen) earliest.set(id, i.timestamp);
  }
  const saved = new Map<number, CustomerStateDoc>();
  const rebuild: number[] = [];
  for (const id of ids) {
    const doc = stored.get(id) ?? null;
    if (doc && foldable(doc, earliest.get(id), windows)) saved.set(id, doc);
    else rebuild.push(id);
  }
  const folded = new Map<number, Folded>();
  const incremental = ids.filter((id) => saved.has(id));
  if (incremental.length > 0) {
    const mine = new Set(incremental);
    const own = (id: number) => mine.has(id);
    const part: ActivityBatch = {
      interactions: batch.interactions.filter((i) => own(Number(i.customer.value))),
      purchases: new Map([...batch.purchases].filter(([id]) => own(id))),
      answers: new Map([...(batch.answers ?? [])].filter(([id]) => own(id))),
    };
    for (const [id, f] of foldStateDocs(incremental, saved, part, now, windows)) folded.set(id, f);
  }
  if (rebuild.length > 0) {
    for (const [id, f] of foldStateDocs(rebuild, new Map(), await history(scope, rebuild), now, windows)) folded.set(id, f);
  }

  // Lapses up to now (not saved: the documents stay final up to their last interaction).
  const stages = new Map<string, JourneyStageState>();
  for (const [id, f] of folded) if (f.doc.stage) stages.set(String(id), f.doc.stage);
  const asOfNow = journeyStagesAt(stages, now, STAGE_RULES);

  const consent = await profileConsent(scope, ids, now);
  const changes: StateChange[] = [];
  const profiles = new Map<number, Profile>();
  const updates: { id: number; values: Record<string, unknown> }[] = [];
  const written: [number, number, CustomerStateDoc][] = [];
  for (const id of ids) {
    const row = rows.get(id);
    const f = folded.get(id);
    if (!row || !f) continue;
    const current = asOfNow.get(String(id));
    // Customers with orders or answers but no interactions keep their stage.
    const stage = current?.stage ?? row.journey_stage;
    if (stage !== row.journey_stage) {
      const last = current?.transitions[current.transitions.length - 1] ?? f.transitions[f.transitions.length - 1];
      changes.push({ customerId: id, kind: "journeyStage", from: row.journey_stage, to: stage, reason: last?.reason ?? "" });
    }
    const score = scoreAt(f.doc, now);
    // The rung moves on the profile as it stood (stored score); the new score is set after.
    const base = profileFromColumns(row, historiesOf(f.doc), f.doc.feedback.NPS?.value, consent(id), consent.changesAt(id));
    const moved = ladder.update(row.ladder_tier ? { tier: row.ladder_tier as LadderTier, since: now } : undefined, base, now);
    const tier = moved.state.tier;
    for (const t of moved.transitions) changes.push({ customerId: id, kind: "ladderTier", from: t.from, to: t.to, reason: `${t.direction}: ${t.reason}` });
    profiles.set(id, { ...base, tier, values: { ...base.values, engagementScore: score } });
    const rev = newStateRev();
    updates.push({ id, values: { journey_stage: stage, ladder_tier: tier, engagement_score: score, state: JSON.stringify(f.doc), state_rev: rev } });
    written.push([id, rev, f.doc]);
  }
  const pg = dialect(scope.em) === "postgresql";
  await updateColumns(
    scope,
    "customers",
    { journey_stage: "varchar(32)", ladder_tier: "varchar(32)", engagement_score: "double precision", state: pg ? "jsonb" : "text", state_rev: "double precision" },
    updates,
  );
  // Kept after the write; a rollback leaves the rows' old revisions, so these copies are never used.
  for (const [id, rev, doc] of written) cache.set(scope.workspaceId, id, rev, doc);
  // The stored next check times, so the membership refresh rewrites only those that move.
  const nextChecks = new Map<number, number | null>();
  for (const [id, row] of rows) nextChecks.set(id, row.next_check_at === null ? null : toMs(row.next_check_at));
  // The latest answers of the kinds the batch brought (a new observation, or the saved one when the batch's is older).
  const metrics = new Map<number, Record<string, MetricObservation>>();
  for (const [id, answers] of batch.answers ?? []) {
    const doc = folded.get(id)?.doc;
    if (!doc) continue;
    const m: Record<string, MetricObservation> = {};
    for (const kind of new Set(answers.map((a) => a.kind))) {
      const latest = doc.feedback[kind];
      if (latest) m[ANSWER_METRICS[kind]] = { value: latest.value, at: latest.at };
    }
    metrics.set(id, m);
  }
  return { changes, profiles, nextChecks, metrics };
}

/** The whole activity history of some customers: interactions (stage, score, history), orders (history, as purchases) and survey answers (latest per kind). */
async function history(scope: WorkspaceScope, ids: readonly number[]): Promise<ActivityBatch> {
  const interactions: Interaction[] = await loadInteractions(scope, { customers: ids });
  const purchases = new Map<number, number[]>();
  const answers = new Map<number, AnswerEvent[]>();
  for (const part of chunks(ids)) {
    for (const o of await scope.select<{ customer_id: number; at: string | number | Date }>(
      `select customer_id, ordered_at as at from orders where workspace_id = ? and customer_id in (${part.map(() => "?").join(", ")})`,
      part,
    )) {
      const id = Number(o.customer_id);
      const list = purchases.get(id);
      if (list) list.push(toMs(o.at));
      else purchases.set(id, [toMs(o.at)]);
    }
    for (const a of await scope.select<{ customer_id: number; kind: FeedbackKindName; score: number; scale_min: number; scale_max: number; at: string | number | Date }>(
      `select customer_id, kind, score, scale_min, scale_max, responded_at as at from survey_responses where workspace_id = ? and score is not null and customer_id in (${part.map(() => "?").join(", ")}) order by id`,
      part,
    )) {
      const id = Number(a.customer_id);
      const list = answers.get(id) ?? [];
      list.push({ kind: a.kind, score: Number(a.score), scaleMin: Number(a.scale_min), scaleMax: Number(a.scale_max), at: toMs(a.at) });
      answers.set(id, list);
    }
  }
  return { interactions, purchases, answers };
}
