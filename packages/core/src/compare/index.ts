// Public surface of the comparison area; re-exported by src/index.ts.
export { differenceInProportions } from "./differenceInProportions.js";
export type { ProportionSample, ProportionDifference } from "./differenceInProportions.js";
export { differenceInMeans } from "./differenceInMeans.js";
export type { MeanSample, MeanDifference } from "./differenceInMeans.js";
export { npsDifference } from "./npsDifference.js";
export type { NpsDifference } from "./npsDifference.js";
export { sampleRatioMismatch } from "./sampleRatioMismatch.js";
export type { SampleRatioMismatch } from "./sampleRatioMismatch.js";
export { chanceToBeat } from "./chanceToBeat.js";
export { holmAdjust } from "./holmAdjust.js";
export { benjaminiHochbergAdjust } from "./benjaminiHochbergAdjust.js";
