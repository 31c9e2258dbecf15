import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../server/Context.js";
import { CustomerSchema } from "../../entities/Customer.js";
import { paginateSql } from "../common/paginate.js";
import { columnsFor, selectedFields } from "../common/selection.js";
import { CUSTOMER_COLUMNS, CustomerType, toCustomerType, type CustomerRow } from "./Customer.type.js";
import { customerFields } from "./customerFields.js";
import { CustomerConnection } from "./CustomerConnection.type.js";
import { OrderSummary } from "./OrderSummary.type.js";
import { OrderType } from "../order/Order.type.js";
import { SegmentType } from "../segment/Segment.type.js";

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

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: "The workspace's customers, oldest first." })
  async customers(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, at most 100." }) first: number,
    @Info() info: GraphQLResolveInfo,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CustomerConnection> {
    // Only the columns the selected node fields need, as a hand-written query for this payload would read.
    const { columns } = columnsFor(selectedFields(info, ["edges", "node"]), CUSTOMER_COLUMNS, ["id"]);
    const page = await paginateSql<CustomerRow, CustomerType>(ctx.scope, columns ? columns.join(", ") : SQL_COLUMNS, "from customers where workspace_id = ?", first, after, toCustomerType);
    return Object.assign(new CustomerConnection(), page);
  }

  @Query(() => CustomerType, { nullable: true, description: "One customer by id; null when it is not in this workspace." })
  async customer(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<CustomerType | null> {
    const numeric = Number(id);
    if (!Number.isSafeInteger(numeric)) return null;
    const rows = await ctx.scope.rows<CustomerRow>(ctx.scope.qb(CustomerSchema).select([...COLUMNS]).andWhere({ id: numeric }) as never);
    return rows[0] ? toCustomerType(rows[0]) : null;
  }

  // The three list fields below are also bound as plain resolvers by createSchema (see customerFields).
  @FieldResolver(() => OrderSummary, { description: "Order count, total spent and last order (batched: one query per request)." })
  orders(@Root() customer: CustomerType, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<OrderSummary> {
    return customerFields.orders(customer, {}, ctx, info);
  }

  @FieldResolver(() => [OrderType], { description: "The latest orders, newest first (batched: one query per request)." })
  lastOrders(
    @Root() customer: CustomerType,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { defaultValue: 3, description: "At most 20." }) first: number,
  ): Promise<OrderType[]> {
    return customerFields.lastOrders(customer, { first }, ctx, info);
  }

  @FieldResolver(() => [SegmentType], { description: "Segments the customer is in now (batched: one query per request)." })
  segments(@Root() customer: CustomerType, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<SegmentType[]> {
    return customerFields.segments(customer, {}, ctx, info);
  }
}
