import type { HealthScoreConfig } from "./HealthScoreConfig.js";

/**
 * A starting health scorecard for the customer-success-manager model, in the
 * shape of a Gainsight scorecard: seven measures, red / yellow / green bands,
 * 0 / 50 / 100 points, weights summing to 100 (they are renormalised over the
 * measures a customer has, so the sum does not matter).
 *
 * | id | scale | direction | red (strictly worse) | green (at or better) | weight |
 * |---|---|---|---|---|---|
 * | engagementScore | decayed points of {@link engagementScore} (a purchase = 5 at age 0) | higher | < 5 | ≥ 20 | 25 |
 * | lastNps | last 0–10 answer | higher | < 7 (0–6, detractor) | ≥ 9 (9–10, promoter) | 15 |
 * | lastCsat | last 1–5 answer | higher | < 3 (1–2) | ≥ 4 (top-2-box) | 10 |
 * | openTickets | open support tickets | lower | > 3 | ≤ 1 | 10 |
 * | medianResponseHours | median first-response time, hours | lower | > 24 | ≤ 4 | 10 |
 * | pAlive | P(alive) of the BG/NBD model, 0–1 | higher | < 0.5 | ≥ 0.8 | 20 |
 * | purchaseTrend | relative change of spend vs the prior period (−0.2 = down 20%) | higher | < −0.1 | ≥ 0 | 10 |
 *
 * The NPS and CSAT bands are the metrics' own buckets (Reichheld 2003;
 * top-2-box CSAT); the others are conventional starting points, not an
 * empirical calibration: set them from your own distribution (for instance
 * the 25th and 75th percentiles) and check that red customers churn more.
 * Overall colour: < 40 red, ≥ 70 green. Source for the form: Gainsight,
 * "Scorecards" documentation (measures, weights, colour ranges).
 *
 * @category Engagement models
 * @example
 * defaultHealthScoreConfig.measures.map((m) => m.id)
 * // => ["engagementScore", "lastNps", "lastCsat", "openTickets", "medianResponseHours", "pAlive", "purchaseTrend"]
 */
export const defaultHealthScoreConfig: HealthScoreConfig = {
  measures: [
    { id: "engagementScore", label: "Engagement score", weight: 25, direction: "higher", thresholds: { red: 5, green: 20 } },
    { id: "lastNps", label: "Last NPS answer", weight: 15, direction: "higher", thresholds: { red: 7, green: 9 } },
    { id: "lastCsat", label: "Last CSAT answer", weight: 10, direction: "higher", thresholds: { red: 3, green: 4 } },
    { id: "openTickets", label: "Open tickets", weight: 10, direction: "lower", thresholds: { red: 3, green: 1 } },
    { id: "medianResponseHours", label: "Median response time (hours)", weight: 10, direction: "lower", thresholds: { red: 24, green: 4 } },
    { id: "pAlive", label: "P(alive)", weight: 20, direction: "higher", thresholds: { red: 0.5, green: 0.8 } },
    { id: "purchaseTrend", label: "Purchase trend vs prior period", weight: 10, direction: "higher", thresholds: { red: -0.1, green: 0 } },
  ],
  colors: { red: 40, green: 70 },
  flatTolerance: 1,
  explainTop: 3,
};
