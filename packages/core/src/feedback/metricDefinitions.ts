/**
 * The written, versioned definitions behind the feedback metrics. Every
 * result carries the id of the definition it was computed with
 * (`definition: "nps@1"`), so a stored or exported number can always be
 * traced to its formula; a change of definition gets a new version, never a
 * silent edit.
 *
 * @category Satisfaction
 * @example
 * metricDefinitions["nps@1"].formula // => "100 · (promoters − detractors) / n, n = answers 0–10; non-answers excluded"
 */
export const metricDefinitions = {
  "nps@1": {
    metric: "Net Promoter Score",
    formula: "100 · (promoters − detractors) / n, n = answers 0–10; non-answers excluded",
    buckets: "promoters 9–10, passives 7–8, detractors 0–6",
    interval: "normal, SE = 100 · √(((p + d) − (p − d)²) / n)",
    source: "Reichheld (2003), HBR 81(12)",
  },
  "csat@1": {
    metric: "Customer Satisfaction Score",
    formula: "answers in the top k boxes / n (default k = 2 on 1–5); mean answer reported beside it",
    buckets: "satisfied = score ≥ max − k + 1",
    interval: "Wilson for the share, Student t for the mean",
    source: "top-2-box convention (ACSI practice)",
  },
  "ces@1": {
    metric: "Customer Effort Score",
    formula: "mean answer on 1–7 (7 = strongly agree it was easy); share of the top k boxes (default 3)",
    buckets: "easy = score ≥ max − k + 1",
    interval: "Student t for the mean, Wilson for the share",
    source: "Dixon, Freeman & Toman (2010), HBR 88(7); CES 2.0",
  },
} as const;

/** Id of a metric definition, e.g. `"nps@1"`. */
export type MetricDefinitionId = keyof typeof metricDefinitions;
