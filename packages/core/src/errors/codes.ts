/**
 * Stable error codes of `@engagekit/core`. Codes never change meaning once
 * published; new rules get new codes.
 */
export const ErrorCodes = {
  /** A metric was asked to score an empty sample (it is never scored as 0). */
  EMPTY_SAMPLE: "METRIC.EMPTY_SAMPLE",
  /** A value lies outside the domain of its scale or parameter. */
  OUT_OF_RANGE: "METRIC.OUT_OF_RANGE",
  /** A value must be an integer and is not. */
  NOT_INTEGER: "METRIC.NOT_INTEGER",
  /** A value is NaN, ±Infinity or not a number at all. */
  NOT_FINITE: "METRIC.NOT_FINITE",
  /** Counts or sums that cannot come from any sample (e.g. a part larger than its whole). */
  INCONSISTENT: "METRIC.INCONSISTENT",
  /** An option (scale, confidence level…) is malformed. */
  INVALID_OPTION: "METRIC.INVALID_OPTION",
  /** A reference names a touchpoint, channel, stage, persona or merge that is not defined. */
  UNKNOWN_REFERENCE: "JOURNEY.UNKNOWN_REFERENCE",
  /** Two items share an id that must be unique. */
  DUPLICATE_ID: "JOURNEY.DUPLICATE_ID",
  /** The stage graph of a journey map has a cycle. */
  STAGE_CYCLE: "JOURNEY.STAGE_CYCLE",
  /** A timestamp is not a valid date. */
  INVALID_TIMESTAMP: "JOURNEY.INVALID_TIMESTAMP",
  /** A field is missing or has the wrong type. */
  INVALID_FIELD: "JOURNEY.INVALID_FIELD",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
