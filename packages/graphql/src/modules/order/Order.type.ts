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

/**
 * Maps a plain row to the API type. A list read may select only some
 * columns (see lastOrdersLoader); fields of columns it did not read stay
 * unset, and nothing reads them since the client did not ask for them.
 */
export function toOrderType(row: Partial<OrderRow>): OrderType {
  const order = new OrderType();
  if (row.id !== undefined) order.id = String(row.id);
  if (row.external_id !== undefined) order.externalId = row.external_id;
  if (row.ordered_at !== undefined) order.orderedAt = toDate(row.ordered_at);
  if (row.amount_cents !== undefined) order.amount = Number(row.amount_cents) / 100;
  if (row.items !== undefined) order.items = Number(row.items);
  return order;
}
