// Public surface of the response-time area; re-exported by src/index.ts.
export type { BusinessCalendar } from "./BusinessCalendar.js";
export { businessMillisBetween } from "./businessMillisBetween.js";
export type { TicketEvent } from "./TicketEvent.js";
export { ticketResponseTimes } from "./ticketResponseTimes.js";
export type { TicketResponseTimes } from "./ticketResponseTimes.js";
export { durationSummary, quantileInterval } from "./durationSummary.js";
export type { DurationStats, QuantileEstimate } from "./durationSummary.js";
