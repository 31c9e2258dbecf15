import type DataLoader from "dataloader";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import type { OrderSummary } from "../modules/customer/OrderSummary.type.js";
import type { OrderType } from "../modules/order/Order.type.js";
import type { SegmentType } from "../modules/segment/Segment.type.js";

/** The current workspace as the request resolved it. */
export interface CurrentWorkspace {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

/**
 * Everything per request: a workspace-scoped EntityManager fork and the
 * request's DataLoaders (created fresh for each request, never shared).
 */
export interface Context {
  readonly workspace: CurrentWorkspace;
  readonly scope: WorkspaceScope;
  readonly loaders: Loaders;
}

/** The request's DataLoaders. */
export interface Loaders {
  readonly orderSummary: DataLoader<number, OrderSummary>;
  /** Latest k orders per customer; one loader per k, created on first use. */
  lastOrders(k: number): DataLoader<number, OrderType[]>;
  readonly segments: DataLoader<number, SegmentType[]>;
}
