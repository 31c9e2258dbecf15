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

/** Maps a plain row to the API type. */
export function toCustomerType(row: CustomerRow): CustomerType {
  return Object.assign(new CustomerType(), {
    id: String(row.id),
    externalId: row.external_id,
    email: row.email,
    traits: typeof row.traits === "string" ? (JSON.parse(row.traits) as Record<string, unknown>) : row.traits,
    createdAt: toDate(row.created_at),
    journeyStage: row.journey_stage,
    ladderTier: row.ladder_tier,
    scores: Object.assign(new CustomerScores(), {
      engagement: numOrNull(row.engagement_score),
      rfm: row.rfm_score,
      predictedClv: numOrNull(row.predicted_clv),
      pAlive: numOrNull(row.p_alive),
    }),
  });
}
