import type DataLoader from "dataloader";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import { orderSummaryLoader } from "../modules/customer/orderSummaryLoader.js";
import { lastOrdersLoader } from "../modules/order/lastOrdersLoader.js";
import type { OrderType } from "../modules/order/Order.type.js";
import { customerSegmentsLoader } from "../modules/segment/customerSegmentsLoader.js";
import type { Loaders } from "./Context.js";

/** Fresh DataLoaders for one request: batching within it, no cache across requests. */
export function createLoaders(scope: WorkspaceScope): Loaders {
  const lastOrders = new Map<number, DataLoader<number, OrderType[]>>();
  return {
    orderSummary: orderSummaryLoader(scope),
    segments: customerSegmentsLoader(scope),
    lastOrders(k) {
      let loader = lastOrders.get(k);
      if (!loader) {
        loader = lastOrdersLoader(scope, k);
        lastOrders.set(k, loader);
      }
      return loader;
    },
  };
}
