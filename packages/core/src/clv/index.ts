// Public surface of the clv area; re-exported by src/index.ts.

// RFM summary from a transaction log
export { rfmSummary, rfmSummaryFromColumns } from "./rfmSummary.js";
export type { Transaction, TransactionColumns, TimeUnit, RfmSummaryOptions, RfmSummary } from "./rfmSummary.js";
export type { RfmCustomer, RfmData } from "./RfmData.js";

// Fitting
export type { BoundaryParameter, ConvergenceReport } from "./ConvergenceReport.js";
export type { FitResult } from "./FitResult.js";
export type { FitOptions } from "./FitOptions.js";

// BG/NBD
export { bgNbdModel } from "./bgNbdModel.js";
export type { BgNbdModel } from "./bgNbdModel.js";
export { fitBgNbd } from "./fitBgNbd.js";
export type { FittedBgNbd } from "./fitBgNbd.js";
export type { BgNbdParams } from "./BgNbdParams.js";

// Gamma-Gamma spend
export { gammaGammaModel } from "./gammaGammaModel.js";
export type { GammaGammaModel } from "./gammaGammaModel.js";
export { fitGammaGamma } from "./fitGammaGamma.js";
export type { FittedGammaGamma } from "./fitGammaGamma.js";
export type { GammaGammaParams } from "./GammaGammaParams.js";
export type { SpendData } from "./SpendData.js";

// Pareto/NBD
export { paretoNbdModel } from "./paretoNbdModel.js";
export type { ParetoNbdModel } from "./paretoNbdModel.js";
export { fitParetoNbd } from "./fitParetoNbd.js";
export type { FittedParetoNbd } from "./fitParetoNbd.js";
export type { ParetoNbdParams } from "./ParetoNbdParams.js";

// Modified BG/NBD
export { modifiedBgNbdModel } from "./modifiedBgNbdModel.js";
export type { ModifiedBgNbdModel } from "./modifiedBgNbdModel.js";
export { fitModifiedBgNbd } from "./fitModifiedBgNbd.js";
export type { FittedModifiedBgNbd } from "./fitModifiedBgNbd.js";
export type { ModifiedBgNbdParams } from "./ModifiedBgNbdParams.js";

// BG/BB (discrete time)
export { bgBbModel } from "./bgBbModel.js";
export type { BgBbModel } from "./bgBbModel.js";
export { fitBgBb } from "./fitBgBb.js";
export type { FittedBgBb } from "./fitBgBb.js";
export type { BgBbParams } from "./BgBbParams.js";
export type { BgBbData, BgBbCustomer } from "./BgBbData.js";

// Lifetime value
export { customerLifetimeValue } from "./customerLifetimeValue.js";
export type { PurchaseModel, SpendModel, ClvCustomers, ClvOptions } from "./customerLifetimeValue.js";
export { historicalClv } from "./historicalClv.js";
export type { HistoricalClvInput } from "./historicalClv.js";
