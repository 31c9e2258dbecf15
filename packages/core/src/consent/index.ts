// Public surface of the consent area (issue 13): consent records, their fold into per-customer state,
// the one consent check (isAllowed, with the documented service rule) and export filtering;
// re-exported by src/index.ts. Proactive triggers, personalization and exports call isAllowed.
export { consentPurposes, consentStatuses } from "./ConsentRecord.js";
export type { ConsentRecord, ConsentPurpose, ConsentStatus } from "./ConsentRecord.js";
export { consentKey } from "./ConsentState.js";
export type { ConsentState, ConsentEntry } from "./ConsentState.js";
export { validateConsentRecord } from "./validateConsentRecord.js";
export { applyConsent } from "./applyConsent.js";
export { consentLedger } from "./consentLedger.js";
export { isAllowed } from "./isAllowed.js";
export type { ConsentDecision, ConsentRule } from "./isAllowed.js";
export { consentFlags } from "./consentFlags.js";
export { consentChangeTimes } from "./consentChangeTimes.js";
export { filterExport } from "./filterExport.js";
export type { ExportFilterOptions, FilteredExport } from "./filterExport.js";
