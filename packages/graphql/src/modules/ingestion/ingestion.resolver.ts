import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ChannelRegistry, ErrorCodes, InputError, defaultChannels, validateInteraction, type JourneyMap, type Touchpoint } from "@engagekit/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { Context } from "../../server/Context.js";
import { refreshMemberships, type MembershipChange } from "../segment/segmentService.js";
import { advanceCustomerState, type StateChange } from "../state/advanceCustomerState.js";
import { evaluateIngestedTriggers } from "../trigger/evaluateIngestedTriggers.js";
import { ANSWER_METRICS, type ActivityBatch, type AnswerEvent } from "../state/CustomerStateDoc.js";
import type { FactInteraction, Interaction, ProfileChange } from "@engagekit/core";
import { InteractionSchema } from "../../entities/Interaction.js";
import { OrderSchema } from "../../entities/Order.js";
import { SurveyResponseSchema } from "../../entities/SurveyResponse.js";
import { TicketEventSchema } from "../../entities/SupportTicket.js";
import { TicketEventInput } from "./TicketEvent.input.js";
import { DEFAULT_SCALES } from "./FeedbackKind.enum.js";
import { IngestionPayload } from "./IngestionPayload.type.js";
import { InteractionInput } from "./Interaction.input.js";
import { OrderInput } from "./Order.input.js";
import { SurveyAnswerInput } from "./SurveyAnswer.input.js";
import { checkBatch, checkDate, checkKey, existingKeys, lockCustomers, reject, resolveCustomers, resolveTickets } from "./ingest.js";
import { insertRows } from "../../data/insertRows.js";
import { chunks } from "../../data/chunks.js";
import { triggerSet } from "../trigger/triggerSet.js";

const TYPE_RE = /^[a-z][a-z0-9_]{0,63}$/;

/** GraphQL field names for the core's interaction fields, so errors name what the client sent. */
const FIELD_NAMES: Record<string, string> = { id: "idempotencyKey", timestamp: "occurredAt", customer: "customer.externalId" };

/** The workspace's touchpoints and channels, from its journey maps (defaults when it has none). */
async function touchpointsAndChannels(ctx: Context): Promise<{ touchpoints: Touchpoint[]; channels: ChannelRegistry }> {
  const rows = await ctx.scope.select<{ document: string | Record<string, unknown> }>("select document from journey_maps where workspace_id = ?");
  const channels = new ChannelRegistry(defaultChannels);
  const touchpoints: Touchpoint[] = [];
  for (const row of rows) {
    const map = (typeof row.document === "string" ? JSON.parse(row.document) : row.document) as JourneyMap;
    for (const c of map.channels ?? []) if (!channels.has(c.id)) channels.register(c);
    touchpoints.push(...map.touchpoints);
  }
  return { touchpoints, channels };
}

function payload(
  received: number,
  created: number,
  customersCreated: number,
  changes: readonly MembershipChange[] = [],
  states: readonly StateChange[] = [],
): IngestionPayload {
  return Object.assign(new IngestionPayload(), {
    stateChanges: states.map((c) => ({ ...c, customerId: String(c.customerId) })),
    received,
    created,
    duplicates: received - created,
    customersCreated,
    segmentChanges: changes.map((c) => ({ customerId: String(c.customerId), entered: [...c.entered], exited: [...c.exited] })),
  });
}

/**
 * Brings the stage, rung and score of the touched customers (and of
 * customers the batch created) up to date with the batch's own events
 * (`batch`, already inserted), then re-evaluates the segments whose
 * conditions depend on what changed, then the event-driven triggers (the
 * batch's interactions, `events` — its orders as triggers see them — the
 * membership changes, and the latest answers the batch brought). Inside the
 * batch's transaction.
 */
async function segmentChanges(
  ctx: Context,
  tx: EntityManager,
  touched: Iterable<readonly [number | undefined | null, ProfileChange]>,
  created: ReadonlySet<number> = new Set(),
  batch: ActivityBatch = { interactions: [], purchases: new Map() },
  events?: ReadonlyMap<number, readonly FactInteraction[]>,
): Promise<{ segments: MembershipChange[]; states: StateChange[] }> {
  const changes = new Map<number, ProfileChange[]>();
  for (const [id, change] of touched) {
    if (typeof id !== "number") continue;
    const list = changes.get(id) ?? [];
    list.push(change);
    changes.set(id, list);
  }
  const ids = [...changes.keys()];
  if (ids.length === 0) return { segments: [], states: [] };
  const scope = ctx.scope.with(tx);
  const now = Date.now();
  // Stage, rung and score first: segment conditions may read them.
  const { changes: states, profiles, nextChecks, metrics } = await advanceCustomerState(scope, ids, now, batch);
  for (const id of ids) (changes.get(id) as ProfileChange[]).push({ kind: "value", metric: "engagementScore" });
  for (const c of states) if (c.kind === "ladderTier") (changes.get(c.customerId) as ProfileChange[]).push({ kind: "tier" });
  const segments = await refreshMemberships(scope, ids, now, { changes, always: created, profiles, nextChecks });
  // Triggers (issue 13): event-driven triggers on this batch, same transaction; no-op without active triggers.
  await evaluateIngestedTriggers(scope, now, { interactions: batch.interactions, segments, metrics, ...(events ? { events } : {}) });
  return { segments, states };
}

/** An order as `interaction` triggers see it: a `purchase` whose id (the cause) is `order:<the shop's order id>`, without a channel. */
export function orderFact(externalId: string, at: number): FactInteraction {
  return { id: `order:${externalId}`, type: "purchase", at };
}

/** The trigger event type of a ticket event: `ticket_<type>` (`ticket_opened`, `ticket_agent_reply`, `ticket_customer_reply`, `ticket_resolved`, `ticket_reopened`). */
export function ticketEventType(type: string): string {
  return `ticket_${type}`;
}

/**
 * A batch's ticket events as `interaction` triggers see them, per customer
 * of the ticket (as stored: a later event need not name the customer):
 * type `ticket_<event type>`, id `ticket:<idempotency key>`, the ticket's
 * channel. Reads the batch's tickets only when an active trigger watches a
 * ticket event type.
 */
async function ticketFacts(scope: Context["scope"], todo: readonly TicketEventInput[], tickets: ReadonlyMap<string, number>): Promise<Map<number, FactInteraction[]>> {
  const out = new Map<number, FactInteraction[]>();
  const watched = (await triggerSet(scope)).eventDriven?.byInteractionType;
  const mine = todo.filter((x) => watched?.has(ticketEventType(x.type)) === true);
  if (mine.length === 0) return out;
  const ids = [...new Set(mine.map((x) => tickets.get(x.ticket.externalId) as number))];
  const rows = new Map<number, { customer_id: number | null; channel: string | null }>();
  for (const part of chunks(ids, 400)) {
    for (const r of await scope.select<{ id: number; customer_id: number | null; channel: string | null }>(`select id, customer_id, channel from support_tickets where workspace_id = ? and id in (${part.map(() => "?").join(", ")})`, part)) {
      rows.set(Number(r.id), r);
    }
  }
  for (const x of mine) {
    const t = rows.get(tickets.get(x.ticket.externalId) as number);
    if (!t || t.customer_id === null) continue;
    const id = Number(t.customer_id);
    const list = out.get(id) ?? [];
    list.push({ id: `ticket:${x.idempotencyKey}`, type: ticketEventType(x.type), at: x.occurredAt.getTime(), ...(t.channel === null ? {} : { channel: t.channel }) });
    out.set(id, list);
  }
  return out;
}

/** Keeps the first item of each idempotency key not yet recorded. */
function fresh<T>(items: readonly T[], key: (item: T) => string, recorded: Set<string>): T[] {
  const seen = new Set(recorded);
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

@Resolver()
export class IngestionResolver {
  @Mutation(() => IngestionPayload, {
    description:
      "Records a batch of interactions (at most 10,000). All-or-nothing: one bad item rejects the batch with BAD_USER_INPUT naming its index and field. Idempotent per item key.",
  })
  async recordInteractions(
    @Ctx() ctx: Context,
    @Arg("input", () => [InteractionInput]) input: InteractionInput[],
  ): Promise<IngestionPayload> {
    const fn = "recordInteractions";
    checkBatch(fn, input.length);
    input.forEach((item, i) => {
      checkKey(fn, i, "idempotencyKey", item.idempotencyKey);
      checkKey(fn, i, "customer.externalId", item.customer.externalId);
      if (!TYPE_RE.test(item.type)) reject(fn, i, "type", "a snake_case interaction type (a–z, 0–9, _)", item.type);
      if (!TYPE_RE.test(item.channel)) reject(fn, i, "channel", "a snake_case channel id (a–z, 0–9, _)", item.channel);
      checkDate(fn, i, "occurredAt", item.occurredAt);
      if (item.value !== undefined && item.value !== null && !Number.isFinite(item.value)) reject(fn, i, "value", "a finite number", item.value);
    });
    // The core's interaction rules: a registered channel; when the workspace maps touchpoints, a known
    // touchpoint on its own channel that emits this type.
    const { touchpoints, channels } = await touchpointsAndChannels(ctx);
    // Indexed once for the batch (the core indexes an array on every call).
    const context = { touchpoints: new Map(touchpoints.map((t) => [t.id, t])), channels };
    input.forEach((item, i) => {
      if (touchpoints.length === 0) {
        if (!channels.has(item.channel)) reject(fn, i, "channel", `a registered channel (${channels.list().map((c) => c.id).join(", ")})`, item.channel);
        return;
      }
      try {
        validateInteraction(
          {
            id: item.idempotencyKey,
            customer: { kind: "externalId", value: item.customer.externalId },
            timestamp: item.occurredAt,
            touchpoint: item.touchpoint,
            channel: item.channel,
            type: item.type,
            ...(item.properties ? { properties: item.properties } : {}),
            ...(item.value !== undefined && item.value !== null ? { value: item.value } : {}),
          },
          context,
          ["input", i],
        );
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const path = e.path.map((part, k) => (k === 2 && typeof part === "string" ? (FIELD_NAMES[part] ?? part) : part));
        throw new InputError(e.code, e.message, path, e.value);
      }
    });
    const ws = ctx.workspace.id;
    return ctx.scope.em.transactional(async (tx) => {
      await lockCustomers(tx, ws, input.map((x) => x.customer.externalId));
      const recorded = await existingKeys(tx, InteractionSchema, "idempotency_key", ws, input.map((x) => x.idempotencyKey));
      const todo = fresh(input, (x) => x.idempotencyKey, recorded);
      const { ids, created, newIds } = await resolveCustomers(tx, ws, todo.map((x) => x.customer.externalId));
      await insertRows(
        tx,
        InteractionSchema,
        ["workspace", "idempotencyKey"],
        todo.map((x) => ({
          workspace: ws,
          customer: ids.get(x.customer.externalId),
          idempotencyKey: x.idempotencyKey,
          type: x.type,
          channel: x.channel,
          touchpoint: x.touchpoint ?? null,
          occurredAt: x.occurredAt,
          properties: x.properties ?? null,
          value: x.value ?? null,
        })),
      );
      const interactions: Interaction[] = todo.map((x) => ({
        id: x.idempotencyKey,
        customer: { kind: "customerId", value: String(ids.get(x.customer.externalId)) },
        timestamp: x.occurredAt.getTime(),
        touchpoint: x.touchpoint ?? "(none)",
        channel: x.channel,
        type: x.type,
        ...(x.value === undefined || x.value === null ? {} : { value: x.value }),
      }));
      const changes = await segmentChanges(
        ctx,
        tx,
        todo.map((x) => [ids.get(x.customer.externalId), { kind: "interaction", interaction: x.type }] as const),
        newIds,
        { interactions, purchases: new Map() },
      );
      return payload(input.length, todo.length, created, changes.segments, changes.states);
    });
  }

  @Mutation(() => IngestionPayload, { description: "Records a batch of survey answers. All-or-nothing, idempotent per item key." })
  async recordSurveyAnswers(
    @Ctx() ctx: Context,
    @Arg("input", () => [SurveyAnswerInput]) input: SurveyAnswerInput[],
  ): Promise<IngestionPayload> {
    const fn = "recordSurveyAnswers";
    checkBatch(fn, input.length);
    input.forEach((item, i) => {
      checkKey(fn, i, "idempotencyKey", item.idempotencyKey);
      checkKey(fn, i, "survey", item.survey, 64);
      if (item.customer) checkKey(fn, i, "customer.externalId", item.customer.externalId);
      checkDate(fn, i, "respondedAt", item.respondedAt);
      const scale = { min: item.scaleMin ?? DEFAULT_SCALES[item.kind].min, max: item.scaleMax ?? DEFAULT_SCALES[item.kind].max };
      if (scale.min >= scale.max) reject(fn, i, "scaleMax", "scaleMax greater than scaleMin", item.scaleMax);
      if (item.kind === "NPS" && (scale.min !== 0 || scale.max !== 10)) reject(fn, i, "scaleMax", "the 0–10 scale for NPS", item.scaleMax);
      if (item.score !== null && item.score !== undefined && (item.score < scale.min || item.score > scale.max)) {
        throw new InputError(
          ErrorCodes.OUT_OF_RANGE,
          `${fn} requires a score in ${scale.min}–${scale.max}, got ${item.score} at input[${i}].score`,
          ["input", i, "score"],
          item.score,
        );
      }
    });
    const ws = ctx.workspace.id;
    return ctx.scope.em.transactional(async (tx) => {
      await lockCustomers(tx, ws, input.flatMap((x) => (x.customer ? [x.customer.externalId] : [])));
      const recorded = await existingKeys(tx, SurveyResponseSchema, "idempotency_key", ws, input.map((x) => x.idempotencyKey));
      const todo = fresh(input, (x) => x.idempotencyKey, recorded);
      const refs = todo.flatMap((x) => (x.customer ? [x.customer.externalId] : []));
      const { ids, created, newIds } = await resolveCustomers(tx, ws, refs);
      await insertRows(
        tx,
        SurveyResponseSchema,
        ["workspace", "idempotencyKey"],
        todo.map((x) => ({
          workspace: ws,
          customer: x.customer ? ids.get(x.customer.externalId) : null,
          idempotencyKey: x.idempotencyKey,
          survey: x.survey,
          kind: x.kind,
          score: x.score ?? null,
          scaleMin: x.scaleMin ?? DEFAULT_SCALES[x.kind].min,
          scaleMax: x.scaleMax ?? DEFAULT_SCALES[x.kind].max,
          touchpoint: x.touchpoint ?? null,
          channel: x.channel ?? null,
          respondedAt: x.respondedAt,
        })),
      );
      // Each answer folds into its customer's saved latest answer of its kind (what lastNps / lastCsat / lastCes triggers read).
      const answers = new Map<number, AnswerEvent[]>();
      for (const x of todo) {
        const id = x.customer ? ids.get(x.customer.externalId) : undefined;
        if (id === undefined || x.score === null || x.score === undefined) continue;
        const list = answers.get(id) ?? [];
        list.push({ kind: x.kind, score: x.score, scaleMin: x.scaleMin ?? DEFAULT_SCALES[x.kind].min, scaleMax: x.scaleMax ?? DEFAULT_SCALES[x.kind].max, at: x.respondedAt.getTime() });
        answers.set(id, list);
      }
      const changes = await segmentChanges(
        ctx,
        tx,
        todo.map((x) => [x.customer ? ids.get(x.customer.externalId) : null, { kind: "value", metric: ANSWER_METRICS[x.kind] }] as const),
        newIds,
        { interactions: [], purchases: new Map(), answers },
      );
      return payload(input.length, todo.length, created, changes.segments, changes.states);
    });
  }

  @Mutation(() => IngestionPayload, { description: "Records a batch of orders, keyed by the shop's order id. All-or-nothing, idempotent." })
  async recordOrders(@Ctx() ctx: Context, @Arg("input", () => [OrderInput]) input: OrderInput[]): Promise<IngestionPayload> {
    const fn = "recordOrders";
    checkBatch(fn, input.length);
    input.forEach((item, i) => {
      checkKey(fn, i, "externalId", item.externalId);
      checkKey(fn, i, "customer.externalId", item.customer.externalId);
      checkDate(fn, i, "orderedAt", item.orderedAt);
      if (!Number.isFinite(item.amount) || item.amount < 0) reject(fn, i, "amount", "a non-negative amount", item.amount);
      if (item.items !== undefined && (!Number.isInteger(item.items) || item.items < 0)) reject(fn, i, "items", "a non-negative integer", item.items);
    });
    const ws = ctx.workspace.id;
    return ctx.scope.em.transactional(async (tx) => {
      await lockCustomers(tx, ws, input.map((x) => x.customer.externalId));
      const recorded = await existingKeys(tx, OrderSchema, "external_id", ws, input.map((x) => x.externalId));
      const todo = fresh(input, (x) => x.externalId, recorded);
      const { ids, created, newIds } = await resolveCustomers(tx, ws, todo.map((x) => x.customer.externalId));
      await insertRows(
        tx,
        OrderSchema,
        ["workspace", "externalId"],
        todo.map((x) => ({
          workspace: ws,
          customer: ids.get(x.customer.externalId),
          externalId: x.externalId,
          orderedAt: x.orderedAt,
          amountCents: Math.round(x.amount * 100),
          items: x.items ?? 1,
        })),
      );
      const purchases = new Map<number, number[]>();
      // What interaction triggers see of an order: a `purchase` (the type the saved state and segments give orders).
      const events = new Map<number, FactInteraction[]>();
      for (const x of todo) {
        const id = ids.get(x.customer.externalId) as number;
        const list = purchases.get(id);
        if (list) list.push(x.orderedAt.getTime());
        else purchases.set(id, [x.orderedAt.getTime()]);
        const e = events.get(id) ?? [];
        e.push(orderFact(x.externalId, x.orderedAt.getTime()));
        events.set(id, e);
      }
      const changes = await segmentChanges(
        ctx,
        tx,
        todo.map((x) => [ids.get(x.customer.externalId), { kind: "interaction", interaction: "purchase" }] as const),
        newIds,
        { interactions: [], purchases },
        events,
      );
      return payload(input.length, todo.length, created, changes.segments, changes.states);
    });
  }

  @Mutation(() => IngestionPayload, {
    description: "Records support-ticket events (tickets are created on first sight). All-or-nothing, idempotent per item key.",
  })
  async recordTicketEvents(
    @Ctx() ctx: Context,
    @Arg("input", () => [TicketEventInput]) input: TicketEventInput[],
  ): Promise<IngestionPayload> {
    const fn = "recordTicketEvents";
    checkBatch(fn, input.length);
    input.forEach((item, i) => {
      checkKey(fn, i, "idempotencyKey", item.idempotencyKey);
      checkKey(fn, i, "ticket.externalId", item.ticket.externalId);
      if (item.ticket.customer) checkKey(fn, i, "ticket.customer.externalId", item.ticket.customer.externalId);
      if (item.ticket.channel !== undefined && !TYPE_RE.test(item.ticket.channel)) reject(fn, i, "ticket.channel", "a snake_case channel id", item.ticket.channel);
      checkDate(fn, i, "occurredAt", item.occurredAt);
    });
    const ws = ctx.workspace.id;
    return ctx.scope.em.transactional(async (tx) => {
      await lockCustomers(tx, ws, input.flatMap((x) => (x.ticket.customer ? [x.ticket.customer.externalId] : [])));
      const recorded = await existingKeys(tx, TicketEventSchema, "idempotency_key", ws, input.map((x) => x.idempotencyKey));
      const todo = fresh(input, (x) => x.idempotencyKey, recorded);
      const { ids: customerIds, created } = await resolveCustomers(tx, ws, todo.flatMap((x) => (x.ticket.customer ? [x.ticket.customer.externalId] : [])));
      const tickets = await resolveTickets(
        tx,
        ws,
        todo.map((x) => ({
          externalId: x.ticket.externalId,
          customer: x.ticket.customer ? (customerIds.get(x.ticket.customer.externalId) ?? null) : null,
          channel: x.ticket.channel ?? null,
          openedAt: x.occurredAt,
        })),
      );
      await insertRows(
        tx,
        TicketEventSchema,
        ["workspace", "idempotencyKey"],
        todo.map((x) => ({
          workspace: ws,
          ticket: tickets.get(x.ticket.externalId),
          idempotencyKey: x.idempotencyKey,
          type: x.type,
          occurredAt: x.occurredAt,
        })),
      );
      // Triggers on `ticket_<event type>` for the ticket's customer (tickets without one fire nothing); same transaction.
      await evaluateIngestedTriggers(ctx.scope.with(tx), Date.now(), { events: await ticketFacts(ctx.scope.with(tx), todo, tickets) });
      return payload(input.length, todo.length, created);
    });
  }
}
