/**
 * @engagekit/core — customer-engagement metrics with their uncertainty.
 *
 * Pure functions, no I/O. Every metric takes raw observations and also its
 * sufficient statistics, returns full precision with `n` and an interval,
 * and throws {@link InputError} for input it cannot score.
 */

// Errors
export { InputError } from "./errors/InputError.js";
export type { InputPath } from "./errors/InputError.js";
export { ErrorCodes } from "./errors/codes.js";
export type { ErrorCode } from "./errors/codes.js";

// Statistics
export { wilsonInterval } from "./stats/wilsonInterval.js";
export { meanInterval } from "./stats/meanInterval.js";
export type { MeanEstimate } from "./stats/meanInterval.js";
export { zCritical } from "./stats/zCritical.js";
export { tCritical } from "./stats/tCritical.js";
export type { Interval, IntervalMethod } from "./stats/Interval.js";

// Feedback
export { netPromoterScore, netPromoterScoreFromCounts } from "./feedback/netPromoterScore.js";
export type { NetPromoterScore, NpsCounts, NpsOptions } from "./feedback/netPromoterScore.js";
export { customerSatisfactionScore, customerSatisfactionScoreFromStats } from "./feedback/customerSatisfactionScore.js";
export type { CustomerSatisfactionScore, CsatStats, CsatOptions } from "./feedback/customerSatisfactionScore.js";
export { customerEffortScore, customerEffortScoreFromStats } from "./feedback/customerEffortScore.js";
export type { CustomerEffortScore, CesStats, CesOptions } from "./feedback/customerEffortScore.js";
export { metricDefinitions } from "./feedback/metricDefinitions.js";
export { netPromoterScoreFromColumn, customerSatisfactionScoreFromColumn } from "./feedback/fromScoreColumn.js";
export { byteHistogram } from "./stats/byteHistogram.js";
export type { MetricDefinitionId } from "./feedback/metricDefinitions.js";
export type { Scale } from "./feedback/Scale.js";
export type { Response } from "./feedback/Response.js";
export { quantileSorted } from "./stats/quantile.js";

// Areas with their own barrels
export * from "./clv/index.js";
export * from "./journey/index.js";
export * from "./segments/index.js";
export * from "./responseTime/index.js";
export * from "./survival/index.js";
export * from "./cohorts/index.js";
export * from "./rates/index.js";
export * from "./compare/index.js";
export * from "./models/index.js";
export * from "./consent/index.js";
export * from "./privacy/index.js";
export * from "./proactive/index.js";
export * from "./loyalty/index.js";
export * from "./personalization/index.js";
