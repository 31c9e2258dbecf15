import { registerEnumType } from "type-graphql";

/** Which metric a feedback question feeds. */
export enum FeedbackKind {
  CSAT = "CSAT",
  NPS = "NPS",
  CES = "CES",
}

registerEnumType(FeedbackKind, { name: "FeedbackKind", description: "Which metric a feedback question feeds." });

/** The conventional scale of each kind, used when an answer does not say. */
export const DEFAULT_SCALES: Record<FeedbackKind, { min: number; max: number }> = {
  NPS: { min: 0, max: 10 },
  CSAT: { min: 1, max: 5 },
  CES: { min: 1, max: 7 },
};
