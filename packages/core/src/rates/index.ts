// Public surface of the rates area; re-exported by src/index.ts.
export type { Rate } from "./Rate.js";
export { churnRate } from "./churnRate.js";
export { retentionRate } from "./retentionRate.js";
export { repeatPurchaseRate } from "./repeatPurchaseRate.js";
export { conversionRate } from "./conversionRate.js";
export { clickThroughRate } from "./clickThroughRate.js";
export { engagementRate } from "./engagementRate.js";
export { selfServiceDeflectionRate } from "./selfServiceDeflectionRate.js";
export { deflectionCounts } from "./deflectionCounts.js";
export type { DeflectionCounts, DeflectionCountsOptions, SelfServiceResolution, TicketOpening } from "./deflectionCounts.js";
