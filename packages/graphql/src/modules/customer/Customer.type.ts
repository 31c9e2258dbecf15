import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { toDate } from "../../data/sqlDate.js";

@ObjectType("CustomerScores", { simpleResolvers: true, description: "A customer's scores; null until computed." })
export class CustomerScores {
  @Field(() => Float, { nullable: true, description: "Time-decayed engagement score." })
  engagement!: number | null;

  @Field(() => String, { nullable: true, description: "RFM cell as three digits R, F, M in 1–5 (5 = best)." })
  rfm!: string | null;

  @Field(() => Float, { nullable: true, description: "Predicted customer lifetime value (discounted)." })
  predictedClv!: number | null;

  @Field(() => Float, { nullable: true, description: "Probability the customer is still active, in [0, 1]." })
  pAlive!: number | null;
}

/**
 * The API's customer (a third model: not the ORM entity, not a core type).
 * Capability fields (orders, scores, segments…) are added by their own
 * modules' field resolvers.
 */
@ObjectType("Customer", { simpleResolvers: true })
export class CustomerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The workspace's own id for this customer." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => JSONResolver, { nullable: true })
  traits!: Record<string, unknown> | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: "Current journey stage (awareness … advocacy), kept by ingestion." })
  journeyStage!: string | null;

  @Field(() => String, { nullable: true, description: "Engagement-ladder rung: passive, active or advocate." })
  ladderTier!: string | null;

  @Field(() => CustomerScores, { description: "Scores kept current by ingestion and the value models." })
  scores!: CustomerScores;
}

/** A plain customer row as read by the list queries. */
export interface CustomerRow {
  id: number;
  external_id: string;
  email: string | null;
  traits: string | Record<string, unknown> | null;
  created_at: string | number | Date;
  journey_stage: string | null;
  ladder_tier: string | null;
  engagement_score: number | null;
  rfm_score: string | null;
  predicted_clv: number | null;
  p_alive: number | null;
}

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The columns behind each Customer field, for lists that read only what a client selected. */
export const CUSTOMER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ["id"],
  externalId: ["external_id"],
  email: ["email"],
  traits: ["traits"],
  createdAt: ["created_at"],
  journeyStage: ["journey_stage"],
  ladderTier: ["ladder_tier"],
  scores: ["engagement_score", "rfm_score", "predicted_clv", "p_alive"],
  // Resolved by their own loaders from the id.
  orders: [],
  lastOrders: [],
  segments: [],
  engagementModel: [],
  health: [],
  consent: [],
  loyalty: [],
};

/**
 * Maps a plain row to the API type. A list may read only the columns its
 * selection needs ({@link CUSTOMER_COLUMNS}); fields of columns it did not
 * read stay unset, and nothing reads them since the client did not ask.
 */
export function toCustomerType(row: Partial<CustomerRow> & Pick<CustomerRow, "id">): CustomerType {
  const customer = new CustomerType();
  customer.id = String(row.id);
  if (row.external_id !== undefined) customer.externalId = row.external_id;
  if (row.email !== undefined) customer.email = row.email;
  if (row.traits !== undefined) customer.traits = typeof row.traits === "string" ? (JSON.parse(row.traits) as Record<string, unknown>) : row.traits;
  if (row.created_at !== undefined) customer.createdAt = toDate(row.created_at);
  if (row.journey_stage !== undefined) customer.journeyStage = row.journey_stage;
  if (row.ladder_tier !== undefined) customer.ladderTier = row.ladder_tier;
  if (row.engagement_score !== undefined) {
    const scores = new CustomerScores();
    scores.engagement = numOrNull(row.engagement_score);
    scores.rfm = row.rfm_score ?? null;
    scores.predictedClv = numOrNull(row.predicted_clv);
    scores.pAlive = numOrNull(row.p_alive);
    customer.scores = scores;
  }
  return customer;
}
