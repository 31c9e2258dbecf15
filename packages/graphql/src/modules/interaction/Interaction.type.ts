import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { Connection } from "../common/connection.js";
import { toDate } from "../../data/sqlDate.js";

@ObjectType("Interaction", { simpleResolvers: true, description: "Something a customer did at a touchpoint on a channel." })
export class InteractionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  channel!: string;

  @Field(() => String, { nullable: true })
  touchpoint!: string | null;

  @Field(() => DateTimeResolver)
  occurredAt!: Date;

  @Field(() => JSONObjectResolver, { nullable: true })
  properties!: Record<string, unknown> | null;

  @Field(() => Float, { nullable: true })
  value!: number | null;
}

export const InteractionConnection = Connection(InteractionType, "Interaction");
export type InteractionConnection = InstanceType<typeof InteractionConnection>;

export interface InteractionRow {
  id: number;
  customer_id: number;
  idempotency_key: string;
  type: string;
  channel: string;
  touchpoint: string | null;
  occurred_at: string | number | Date;
  properties: string | Record<string, unknown> | null;
  value: number | null;
}

export function toInteractionType(row: InteractionRow): InteractionType {
  return Object.assign(new InteractionType(), {
    id: String(row.id),
    customerId: String(row.customer_id),
    idempotencyKey: row.idempotency_key,
    type: row.type,
    channel: row.channel,
    touchpoint: row.touchpoint,
    occurredAt: toDate(row.occurred_at),
    properties: typeof row.properties === "string" ? (JSON.parse(row.properties) as Record<string, unknown>) : row.properties,
    value: row.value === null ? null : Number(row.value),
  });
}
