// Public surface of the survival area; re-exported by src/index.ts.
export { kaplanMeier } from "./kaplanMeier.js";
export type { KaplanMeier, SurvivalStep } from "./kaplanMeier.js";
