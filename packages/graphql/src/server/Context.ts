import type DataLoader from "dataloader";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import type { OrderSummary } from "../modules/customer/OrderSummary.type.js";
import type { OrderType } from "../modules/order/Order.type.js";
import type { SegmentType } from "../modules/segment/Segment.type.js";
import type { ColumnPlan } from "../modules/common/selection.js";
import type { CustomerEngagementModelType } from "../modules/engagement/ModelAssignment.type.js";
import type { CustomerHealthType } from "../modules/engagement/CustomerHealth.type.js";
import type { ConsentState, PointsLedger } from "@engagekit/core";
import type { HealthTrendWindow } from "../modules/engagement/customerHealth.js";
import type { Principal } from "../auth/Principal.js";
import type { RequestScope } from "./requestScope.js";
import type { ApiKeyManagement } from "../modules/apiKey/apiKeyService.js";

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
  /** Who is calling: the API key's role (admin for a development-mode request without a key). */
  readonly auth: Principal;
  /** The server secret and key cache, for the key operations (createApiKey, rotateApiKey, revokeApiKey). */
  readonly apiKeys: ApiKeyManagement;
  /** The request's id and log facts (set by createServer; absent in contexts made elsewhere, e.g. the importer). */
  readonly requestScope?: RequestScope;
}

/**
 * The request's DataLoaders. Each exists once per column plan: the
 * `…For(columns)` forms read only the columns a selection needs (see
 * `selectedFields` / `columnsFor`), the plain forms read every column.
 */
export interface Loaders {
  /** Order count, total spent and last order date per customer. */
  readonly orderSummary: DataLoader<number, OrderSummary>;
  orderSummaryFor(columns: ColumnPlan): DataLoader<number, OrderSummary>;
  /** Latest k orders per customer; one loader per k (and column plan), created on first use. */
  lastOrders(k: number, columns?: ColumnPlan): DataLoader<number, OrderType[]>;
  /** The segments each customer is in now. */
  readonly segments: DataLoader<number, SegmentType[]>;
  segmentsFor(columns: ColumnPlan): DataLoader<number, SegmentType[]>;
  /** Each customer's stored engagement-model assignment (null when never assigned). */
  readonly engagementModel: DataLoader<number, CustomerEngagementModelType | null>;
  /** The core's health score of each customer as of `asOf` (epoch ms; default: the request's start); one loader per instant. */
  healthAt(asOf?: number, trend?: HealthTrendWindow): DataLoader<number, CustomerHealthType>;
  /** The request's "now" (epoch ms), shared by every time-dependent loader of the request. */
  readonly requestTime: number;
  /** Each customer's consent state (the core's consentLedger of the stored events) as of `asOf` (default: the request's start); undefined when none recorded. */
  consentAt(asOf?: number): DataLoader<number, ConsentState | undefined>;
  /** Each customer's points ledger (the core's fold of the stored operations) as of `asOf` (default: the request's start). */
  loyaltyAt(asOf?: number): DataLoader<number, PointsLedger>;
}
