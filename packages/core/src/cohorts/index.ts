// Public surface of the cohorts area; re-exported by src/index.ts.
export { cohortRetention } from "./cohortRetention.js";
export type { CohortRetention, CohortPeriod } from "./cohortRetention.js";
