import { ErrorCodes, InputError } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { columnsFor, selectedFields, type SelectionInfo } from "../common/selection.js";
import { ORDER_COLUMNS } from "../order/lastOrdersLoader.js";
import type { OrderType } from "../order/Order.type.js";
import { SEGMENT_COLUMNS } from "../segment/customerSegmentsLoader.js";
import type { SegmentType } from "../segment/Segment.type.js";
import type { CustomerType } from "./Customer.type.js";
import { ORDER_SUMMARY_COLUMNS } from "./orderSummaryLoader.js";
import type { OrderSummary } from "./OrderSummary.type.js";

/** Most orders `lastOrders` returns per customer. */
export const MAX_LAST_ORDERS = 20;

/** A GraphQL field resolver with its argument types. */
export type FieldResolverFn<Root, Args, Result> = (root: Root, args: Args, ctx: Context, info: SelectionInfo) => Result;

const orders: FieldResolverFn<CustomerType, object, Promise<OrderSummary>> = (customer, _args, ctx, info) =>
  ctx.loaders.orderSummaryFor(columnsFor(selectedFields(info), ORDER_SUMMARY_COLUMNS)).load(Number(customer.id));

const lastOrders: FieldResolverFn<CustomerType, { first: number }, Promise<OrderType[]>> = (customer, { first }, ctx, info) => {
  if (!Number.isInteger(first) || first < 0 || first > MAX_LAST_ORDERS) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `lastOrders requires first in 0–${MAX_LAST_ORDERS}, got ${first}`, ["first"], first);
  }
  return ctx.loaders.lastOrders(first, columnsFor(selectedFields(info), ORDER_COLUMNS)).load(Number(customer.id));
};

const segments: FieldResolverFn<CustomerType, object, Promise<SegmentType[]>> = (customer, _args, ctx, info) =>
  ctx.loaders.segmentsFor(columnsFor(selectedFields(info), SEGMENT_COLUMNS)).load(Number(customer.id));

/**
 * The Customer fields resolved once per row of a list, as plain GraphQL
 * resolvers. Their schema (types, arguments, descriptions) is declared by
 * CustomerResolver's @FieldResolver methods, which call these; createSchema
 * then binds these directly, because type-graphql's per-call wrapper
 * re-sorts the parameter metadata and rebuilds the argument array on every
 * call, which on a page of 100 customers with three list fields was a
 * quarter of the request's allocations (see apps/server/bench/api.bench.mjs).
 * Each reads only the columns its selection needs.
 */
export const customerFields = { orders, lastOrders, segments };
