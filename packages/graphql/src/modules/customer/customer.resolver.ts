import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../server/Context.js";
import { CustomerSchema } from "../../entities/Customer.js";
import { paginateSql } from "../common/paginate.js";
import { CustomerType, toCustomerType, type CustomerRow } from "./Customer.type.js";
import { CustomerConnection } from "./CustomerConnection.type.js";
import { OrderSummary } from "./OrderSummary.type.js";
import { OrderType } from "../order/Order.type.js";
import { SegmentType } from "../segment/Segment.type.js";
import { ErrorCodes, InputError } from "@engagekit/core";

const COLUMNS = [
  "id",
  "externalId",
  "email",
  "traits",
  "createdAt",
  "journeyStage",
  "ladderTier",
  "engagementScore",
  "rfmScore",
  "predictedClv",
  "pAlive",
] as const;
/** The same columns as SQL, for the hot list path. */
const SQL_COLUMNS = "id, external_id, email, traits, created_at, journey_stage, ladder_tier, engagement_score, rfm_score, predicted_clv, p_alive";

/** Most orders `lastOrders` returns per customer. */
const MAX_LAST_ORDERS = 20;

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: "The workspace's customers, oldest first." })
  async customers(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, at most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CustomerConnection> {
    const page = await paginateSql<CustomerRow, CustomerType>(ctx.scope, SQL_COLUMNS, "from customers where workspace_id = ?", first, after, toCustomerType);
    return Object.assign(new CustomerConnection(), page);
  }

  @Query(() => CustomerType, { nullable: true, description: "One customer by id; null when it is not in this workspace." })
  async customer(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<CustomerType | null> {
    const numeric = Number(id);
    if (!Number.isSafeInteger(numeric)) return null;
    const rows = await ctx.scope.rows<CustomerRow>(ctx.scope.qb(CustomerSchema).select([...COLUMNS]).andWhere({ id: numeric }) as never);
    return rows[0] ? toCustomerType(rows[0]) : null;
  }

  @FieldResolver(() => OrderSummary, { description: "Order count, total spent and last order (batched: one query per request)." })
  orders(@Root() customer: CustomerType, @Ctx() ctx: Context): Promise<OrderSummary> {
    return ctx.loaders.orderSummary.load(Number(customer.id));
  }

  @FieldResolver(() => [OrderType], { description: "The latest orders, newest first (batched: one query per request)." })
  lastOrders(
    @Root() customer: CustomerType,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 3, description: "At most 20." }) first: number,
  ): Promise<OrderType[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_LAST_ORDERS) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `lastOrders requires first in 0–${MAX_LAST_ORDERS}, got ${first}`, ["first"], first);
    }
    return ctx.loaders.lastOrders(first).load(Number(customer.id));
  }

  @FieldResolver(() => [SegmentType], { description: "Segments the customer is in now (batched: one query per request)." })
  segments(@Root() customer: CustomerType, @Ctx() ctx: Context): Promise<SegmentType[]> {
    return ctx.loaders.segments.load(Number(customer.id));
  }
}
