import { registerEnumType } from "type-graphql";

/** How feedback metrics can be broken down. */
export enum FeedbackGroupBy {
  MONTH = "MONTH",
  TOUCHPOINT = "TOUCHPOINT",
  CHANNEL = "CHANNEL",
  SURVEY = "SURVEY",
  SEGMENT = "SEGMENT",
  JOURNEY_STAGE = "JOURNEY_STAGE",
  LADDER_TIER = "LADDER_TIER",
}

registerEnumType(FeedbackGroupBy, {
  name: "FeedbackGroupBy",
  description:
    "Breakdown of a feedback metric: by UTC calendar month, touchpoint, channel, survey, the respondent's current segments (a customer in two segments counts in both; answers without a customer in none), journey stage or ladder rung.",
});
