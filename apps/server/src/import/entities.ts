/** What an import can hold: one entity per file, each going through its ingestion call. */
export type EntityKind = "customers" | "orders" | "interactions" | "survey-answers" | "tickets";

export const ENTITY_KINDS: readonly EntityKind[] = ["customers", "orders", "interactions", "survey-answers", "tickets"];

/** How a field's text is read. */
export type FieldType = "string" | "date" | "number" | "integer" | "json";

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly help: string;
}

const f = (name: string, type: FieldType, required: boolean, help: string): FieldSpec => ({ name, type, required, help });

/**
 * The fields of each entity, named as the GraphQL inputs name them
 * (`customer.externalId` is `customerId`). `idempotencyKey` is optional
 * everywhere it exists: without a column it is derived from the row's content.
 * Besides these, `traits.<name>` (customers) and `properties.<name>`
 * (interactions) columns are collected into the JSON object.
 */
export const ENTITY_FIELDS: Record<EntityKind, readonly FieldSpec[]> = {
  customers: [f("customerId", "string", true, "the workspace's customer id"), f("email", "string", false, "email address")],
  orders: [
    f("externalId", "string", true, "the shop's order id (the idempotency key); with --group-by-order, consecutive rows with the same id are one order's lines"),
    f("customerId", "string", true, "who ordered"),
    f("orderedAt", "date", true, "when"),
    f("amount", "number", false, "order (or line) amount in currency units; required unless unitPrice is mapped"),
    f("quantity", "number", false, "line quantity: with unitPrice, amount = quantity × unitPrice and items = quantity"),
    f("unitPrice", "number", false, "line unit price"),
    f("items", "integer", false, "number of items (default 1, or the quantity)"),
  ],
  interactions: [
    f("idempotencyKey", "string", false, "unique per workspace (default: derived from the row)"),
    f("customerId", "string", true, "who"),
    f("type", "string", true, "snake_case interaction type: page_view, email_open, purchase…"),
    f("channel", "string", true, "web, email, mobile_app… (a registered channel)"),
    f("touchpoint", "string", false, "a touchpoint of the workspace's journey map"),
    f("occurredAt", "date", true, "when"),
    f("value", "number", false, "monetary or numeric value"),
    f("properties", "json", false, "a JSON object (NDJSON object or a CSV column of JSON text)"),
  ],
  "survey-answers": [
    f("idempotencyKey", "string", false, "unique per workspace (default: derived from the row)"),
    f("customerId", "string", false, "who answered (empty: anonymous)"),
    f("survey", "string", true, "which survey or question"),
    f("kind", "string", true, "NPS, CSAT or CES (any case)"),
    f("score", "integer", false, "the answer; empty for a non-answer"),
    f("scaleMin", "integer", false, "defaults: NPS 0, CSAT 1, CES 1"),
    f("scaleMax", "integer", false, "defaults: NPS 10, CSAT 5, CES 7"),
    f("touchpoint", "string", false, "where"),
    f("channel", "string", false, "on which channel"),
    f("respondedAt", "date", true, "when"),
  ],
  tickets: [
    f("idempotencyKey", "string", false, "unique per workspace (default: derived from the row)"),
    f("ticketId", "string", true, "the help desk's ticket id"),
    f("customerId", "string", false, "whose ticket"),
    f("channel", "string", false, "channel the ticket came in on"),
    f("type", "string", true, "opened, agent_reply, customer_reply, resolved or reopened"),
    f("occurredAt", "date", true, "when"),
  ],
};

/** The JSON-object field fed by `<prefix>.<name>` columns, per entity. */
export const BAG_FIELD: Partial<Record<EntityKind, string>> = { customers: "traits", interactions: "properties" };

/** Field names the ingestion errors use (their path after `input.<i>.`), in the import's own names. */
export const ERROR_FIELDS: Record<string, string> = {
  "customer.externalId": "customerId",
  "ticket.externalId": "ticketId",
  "ticket.customer.externalId": "customerId",
  "ticket.channel": "channel",
};

export function isEntityKind(s: string): s is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(s);
}
