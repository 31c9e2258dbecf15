import { registerEnumType } from "type-graphql";

/** How feedback metrics can be broken down. */
export enum FeedbackGroupBy {
  MONTH = "MONTH",
  TOUCHPOINT = "TOUCHPOINT",
  CHANNEL = "CHANNEL",
  SURVEY = "SURVEY",
}

registerEnumType(FeedbackGroupBy, {
  name: "FeedbackGroupBy",
  description: "Breakdown of a feedback metric: by UTC calendar month, touchpoint, channel or survey.",
});
