import {
  addEngagementEvent,
  advanceJourneyStages,
  defaultStageRules,
  engagementScore,
  engagementScoreAt,
  type EngagementAccumulator,
  type HistoryWindows,
  type InteractionHistory,
  type EngagementEvent,
  type Interaction,
  type JourneyStageState,
  type StageTransition,
} from "@engagekit/core";
import { addActivity, type ActivityTimes } from "../../data/customerProfile.js";
import { foldHistory, keptCovers, keptWindows, windowsJson, type KeptWindows, type TypeHistory } from "./boundedHistory.js";

/**
 * What ingestion keeps per customer (the `customers.state` JSON column) so a
 * batch folds in its own events instead of re-reading each customer's
 * history: the journey-stage state after the last interaction, the
 * engagement accumulator, and per activity type the count, first and last
 * time and only the times inside the longest window any segment or ladder
 * condition reads (so the document, and the work on it, does not grow with
 * the history), and the latest answer of each survey kind (what metric
 * threshold triggers read: `lastNps`, `lastCsat`, `lastCes`). Rebuilt from
 * the history when missing, unreadable, of an older version (v2 had no
 * answers), when a batch brings an interaction older than the saved stage
 * state, or when a condition now reads further back than the times kept
 * (`kept`).
 */
export interface CustomerStateDoc {
  readonly v: 3;
  /** Stage inference up to the last interaction; lapses after it are applied as of each refresh, not saved. Null before any interaction. */
  readonly stage: JourneyStageState | null;
  /** Interactions up to the last refresh in the accumulator; later-dated ones wait in `pending` (the score ignores the future). */
  readonly engagement: { readonly acc: EngagementAccumulator | null; readonly pending: readonly EngagementEvent[] };
  /** Activity by type (interactions by type and orders as "purchase", as `loadProfiles` reads them): the segment profile's histories as they are. */
  readonly history: Readonly<Record<string, TypeHistory>>;
  /** The windows `history`'s times were kept for, for the types `history` holds (others never occurred). */
  readonly kept: KeptWindows;
  /** The latest answer (by answer time) of each survey kind, scored as {@link answerMetric} says. */
  readonly feedback: Readonly<Partial<Record<FeedbackKindName, LatestAnswer>>>;
}

/** The survey kinds ingestion records. */
export type FeedbackKindName = "NPS" | "CSAT" | "CES";

/** A customer's latest answer of a kind: its value on the kind's reference scale and when it was given (epoch ms). */
export interface LatestAnswer {
  readonly value: number;
  readonly at: number;
}

/** A survey answer as the fold receives it (non-answers, with a null score, are left out by the caller). */
export interface AnswerEvent {
  readonly kind: FeedbackKindName;
  readonly score: number;
  readonly scaleMin: number;
  readonly scaleMax: number;
  /** Epoch ms of the answer. */
  readonly at: number;
}

/** The metric name triggers use for the latest answer of each kind. */
export const ANSWER_METRICS: Readonly<Record<FeedbackKindName, string>> = { NPS: "lastNps", CSAT: "lastCsat", CES: "lastCes" };

/** The reference scale of each kind (the conventional one, ingestion's default): NPS 0–10, CSAT 1–5, CES 1–7. */
export const REFERENCE_SCALES: Readonly<Record<FeedbackKindName, { readonly min: number; readonly max: number }>> = { NPS: { min: 0, max: 10 }, CSAT: { min: 1, max: 5 }, CES: { min: 1, max: 7 } };

/**
 * An answer's value on its kind's reference scale: the score itself on that
 * scale, else rescaled linearly, ref.min + (score − min) · (ref.max − ref.min)
 * / (max − min) — so a CSAT of 8 on 1–10 is 1 + 7 · 4/9 ≈ 4.11, and one
 * threshold (`lastCsat lte 2`) means the same whatever scale a survey used.
 * NPS is always asked on 0–10 (ingestion refuses other scales).
 */
export function answerMetric(a: AnswerEvent): number {
  const ref = REFERENCE_SCALES[a.kind];
  if (a.scaleMin === ref.min && a.scaleMax === ref.max) return a.score;
  return ref.min + ((a.score - a.scaleMin) * (ref.max - ref.min)) / (a.scaleMax - a.scaleMin);
}

/** The stage inference ingestion keeps: the core's default rules, customers keyed by database id. */
export const STAGE_RULES = defaultStageRules;
export const stageKey = (interaction: Interaction): string => interaction.customer.value;

/** A saved document, or null when absent or of another version (the caller rebuilds it). */
export function parseStateDoc(raw: unknown): CustomerStateDoc | null {
  const value = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
  if (value === null || typeof value !== "object") return null;
  const doc = value as Partial<CustomerStateDoc>;
  return doc.v === 3 && doc.engagement && doc.history && doc.kept && doc.feedback && doc.stage !== undefined ? (doc as CustomerStateDoc) : null;
}

/** Interactions and orders of some customers, as the refresh receives them. */
export interface ActivityBatch {
  /** Interactions keyed by database id (`customer.value`), any order. */
  readonly interactions: readonly Interaction[];
  /** Order times per customer id (epoch ms). */
  readonly purchases: ReadonlyMap<number, readonly number[]>;
  /** Survey answers per customer id (with a score), any order. */
  readonly answers?: ReadonlyMap<number, readonly AnswerEvent[]>;
}

/** A document and the stage transitions made while building or folding it (event-driven ones). */
export interface Folded {
  readonly doc: CustomerStateDoc;
  readonly transitions: readonly StageTransition[];
}

/**
 * Folds `batch` into each customer's document (`previous`; absent = build
 * from nothing, so passing a customer's whole history builds it). Every
 * interaction of a customer must be no older than its saved stage state
 * (the caller checks with {@link foldable}). Times older than `now` minus
 * their type's window are dropped. Pure: no I/O.
 */
export function foldStateDocs(ids: readonly number[], previous: ReadonlyMap<number, CustomerStateDoc>, batch: ActivityBatch, now: number, windows: HistoryWindows): Map<number, Folded> {
  const saved = new Map<string, JourneyStageState>();
  for (const [id, doc] of previous) if (doc.stage) saved.set(String(id), doc.stage);
  const staged = advanceJourneyStages(batch.interactions, saved, STAGE_RULES, { customerKey: stageKey });
  const events = new Map<number, EngagementEvent[]>();
  const times: ActivityTimes = new Map();
  for (const i of batch.interactions) {
    const id = Number(i.customer.value);
    const list = events.get(id);
    const event = { type: i.type, channel: i.channel, at: i.timestamp };
    if (list) list.push(event);
    else events.set(id, [event]);
    addActivity(times, id, i.type, i.timestamp);
  }
  for (const [id, ats] of batch.purchases) for (const at of ats) addActivity(times, id, "purchase", at);
  const all = windowsJson(windows);
  const out = new Map<number, Folded>();
  for (const id of ids) {
    const before = previous.get(id);
    const history = foldHistory(before?.history ?? {}, times.get(id), windows, now);
    const stage = staged.states.get(String(id)) ?? before?.stage ?? null;
    const doc: CustomerStateDoc = { v: 3, stage, engagement: settle(before?.engagement, events.get(id) ?? [], now), history, kept: keptWindows(all, Object.keys(history)), feedback: latestAnswers(before?.feedback, batch.answers?.get(id)) };
    out.set(id, { doc, transitions: staged.histories.get(String(id))?.transitions ?? [] });
  }
  return out;
}

/**
 * Whether `batch`'s interactions of a customer can be folded into `doc`: none
 * older than its stage state, and its kept times reach back as far as the
 * conditions now read (`windows`; a wider window needs the history again).
 */
export function foldable(doc: CustomerStateDoc, earliest: number | undefined, windows: HistoryWindows): boolean {
  return (earliest === undefined || doc.stage === null || earliest >= doc.stage.asOf) && keptCovers(doc.kept, doc.history, windows);
}

/** The latest answer of each kind after `added` (the later answer time wins; on a tie, the one folded last). */
function latestAnswers(before: CustomerStateDoc["feedback"] | undefined, added: readonly AnswerEvent[] | undefined): CustomerStateDoc["feedback"] {
  if (added === undefined || added.length === 0) return before ?? {};
  const out: Partial<Record<FeedbackKindName, LatestAnswer>> = { ...before };
  for (const a of added) {
    const seen = out[a.kind];
    if (seen === undefined || a.at >= seen.at) out[a.kind] = { value: answerMetric(a), at: a.at };
  }
  return out;
}

/** Moves events due by `now` into the accumulator, in time order; later-dated ones stay pending. */
function settle(engagement: CustomerStateDoc["engagement"] | undefined, added: readonly EngagementEvent[], now: number): CustomerStateDoc["engagement"] {
  const waiting = [...(engagement?.pending ?? []), ...added].sort((a, b) => a.at - b.at);
  let acc = engagement?.acc ?? null;
  const pending: EngagementEvent[] = [];
  for (const event of waiting) {
    if (event.at > now) pending.push(event);
    else acc = addEngagementEvent(acc ?? undefined, event);
  }
  return { acc, pending };
}

/** The engagement score at `now` of a document (the refresh settles it first, so `now` ≥ its accumulator time). */
export function scoreAt(doc: CustomerStateDoc, now: number): number {
  return doc.engagement.acc ? engagementScoreAt(doc.engagement.acc, Math.max(now, doc.engagement.acc.asOf)).score : engagementScore([], now).score;
}

/** The segment profile's interaction histories of a document (the saved ones, not copied). */
export function historiesOf(doc: CustomerStateDoc): Readonly<Record<string, InteractionHistory>> {
  return doc.history;
}
