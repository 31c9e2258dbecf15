import type DataLoader from "dataloader";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import { ALL_COLUMNS, type ColumnPlan } from "../modules/common/selection.js";
import type { OrderSummary } from "../modules/customer/OrderSummary.type.js";
import { orderSummaryLoader } from "../modules/customer/orderSummaryLoader.js";
import { lastOrdersLoader } from "../modules/order/lastOrdersLoader.js";
import type { OrderType } from "../modules/order/Order.type.js";
import { customerSegmentsLoader } from "../modules/segment/customerSegmentsLoader.js";
import { customerEngagementModelLoader } from "../modules/engagement/customerEngagementModelLoader.js";
import { customerHealthLoader } from "../modules/engagement/customerHealth.js";
import type { CustomerEngagementModelType } from "../modules/engagement/ModelAssignment.type.js";
import type { CustomerHealthType } from "../modules/engagement/CustomerHealth.type.js";
import type { SegmentType } from "../modules/segment/Segment.type.js";
import type { ConsentState, PointsLedger } from "@engagekit/core";
import { customerConsentLoader } from "../modules/consent/customerConsentLoader.js";
import { customerLoyaltyLoader } from "../modules/loyalty/customerLoyaltyLoader.js";
import type { Loaders } from "./Context.js";

/** Fresh DataLoaders for one request: batching within it, no cache across requests. */
export function createLoaders(scope: WorkspaceScope): Loaders {
  const summaries = perKey((columns: ColumnPlan) => orderSummaryLoader(scope, columns));
  const segments = perKey((columns: ColumnPlan) => customerSegmentsLoader(scope, columns));
  const lastOrders = new Map<number, (columns: ColumnPlan) => DataLoader<number, OrderType[]>>();
  let engagementModel: DataLoader<number, CustomerEngagementModelType | null> | null = null;
  const health = new Map<string, DataLoader<number, CustomerHealthType>>();
  // One "now" per request, so every customer of a list shares one health loader.
  const requestTime = Date.now();
  const consent = new Map<number, DataLoader<number, ConsentState | undefined>>();
  const loyalty = new Map<number, DataLoader<number, PointsLedger>>();
  return {
    requestTime,
    consentAt(asOf = requestTime) {
      let loader = consent.get(asOf);
      if (!loader) {
        loader = customerConsentLoader(scope, asOf);
        consent.set(asOf, loader);
      }
      return loader;
    },
    loyaltyAt(asOf = requestTime) {
      let loader = loyalty.get(asOf);
      if (!loader) {
        loader = customerLoyaltyLoader(scope, asOf);
        loyalty.set(asOf, loader);
      }
      return loader;
    },
    get engagementModel(): DataLoader<number, CustomerEngagementModelType | null> {
      engagementModel ??= customerEngagementModelLoader(scope);
      return engagementModel;
    },
    healthAt(asOf = requestTime, trend = { periods: 0, periodDays: 30 }) {
      const key = `${asOf}:${trend.periods}:${trend.periodDays}`;
      let loader = health.get(key);
      if (!loader) {
        loader = customerHealthLoader(scope, asOf, trend);
        health.set(key, loader);
      }
      return loader;
    },
    get orderSummary(): DataLoader<number, OrderSummary> {
      return summaries(ALL_COLUMNS);
    },
    orderSummaryFor: summaries,
    get segments(): DataLoader<number, SegmentType[]> {
      return segments(ALL_COLUMNS);
    },
    segmentsFor: segments,
    lastOrders(k, columns = ALL_COLUMNS) {
      let forK = lastOrders.get(k);
      if (!forK) {
        forK = perKey((plan: ColumnPlan) => lastOrdersLoader(scope, k, plan));
        lastOrders.set(k, forK);
      }
      return forK(columns);
    },
  };
}

/** One loader per column plan, created on first use. */
function perKey<V>(create: (columns: ColumnPlan) => DataLoader<number, V>): (columns: ColumnPlan) => DataLoader<number, V> {
  const loaders = new Map<string, DataLoader<number, V>>();
  return (columns) => {
    let loader = loaders.get(columns.key);
    if (!loader) {
      loader = create(columns);
      loaders.set(columns.key, loader);
    }
    return loader;
  };
}
