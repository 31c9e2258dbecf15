import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { toDate } from "../../data/sqlDate.js";

@ObjectType("Order", { simpleResolvers: true })
export class OrderType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: "The shop's order id." })
  externalId!: string | null;

  @Field(() => DateTimeResolver)
  orderedAt!: Date;

  @Field(() => Float, { description: "Amount in currency units." })
  amount!: number;

  @Field(() => Int)
  items!: number;
}

/** A plain order row as the loaders read it. */
export interface OrderRow {
  id: number;
  customer_id: number;
  external_id: string | null;
  ordered_at: string | number | Date;
  amount_cents: number;
  items: number;
}

export function toOrderType(row: OrderRow): OrderType {
  return Object.assign(new OrderType(), {
    id: String(row.id),
    externalId: row.external_id,
    orderedAt: toDate(row.ordered_at),
    amount: Number(row.amount_cents) / 100,
    items: Number(row.items),
  });
}
