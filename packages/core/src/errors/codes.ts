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
  /** An interaction older than the saved state it would be folded into (recompute from the full history instead). */
  OUT_OF_ORDER: "JOURNEY.OUT_OF_ORDER",
  /** A segment definition does not match the schema (wrong shape, missing or unknown property). */
  SEGMENT_INVALID: "SEGMENT.INVALID",
  /** A condition node has an unknown `type`. */
  SEGMENT_UNKNOWN_KIND: "SEGMENT.UNKNOWN_KIND",
  /** A condition uses an operator its kind does not have. */
  SEGMENT_UNKNOWN_OPERATOR: "SEGMENT.UNKNOWN_OPERATOR",
  /** A value of the wrong type for its operator or field (e.g. a date compared with a number). */
  SEGMENT_TYPE_MISMATCH: "SEGMENT.TYPE_MISMATCH",
  /** A date that is not ISO 8601, or a range whose lower end is above its upper end. */
  SEGMENT_INVALID_VALUE: "SEGMENT.INVALID_VALUE",
  /** A regular expression that does not compile or could backtrack catastrophically. */
  SEGMENT_UNSAFE_REGEX: "SEGMENT.UNSAFE_REGEX",
  /** Segments that reference each other in a cycle. */
  SEGMENT_CYCLE: "SEGMENT.CYCLE",
  /** A reference to a segment id that is not defined. */
  SEGMENT_UNKNOWN_SEGMENT: "SEGMENT.UNKNOWN_SEGMENT",
  /** A definition with more nodes or more nesting than the configured limits. */
  SEGMENT_TOO_LARGE: "SEGMENT.TOO_LARGE",
  /** A lifetime-value model fit ended without a finite maximum of its likelihood. */
  FIT_FAILED: "CLV.FIT_FAILED",
  /** An engagement model, strategy or capacity breaks a rule of its schema (wrong shape, bad value). */
  MODEL_INVALID: "MODEL.INVALID",
  /** An engagement model or strategy names a channel, touchpoint, stage, segment or model that is not defined. */
  MODEL_UNKNOWN_REFERENCE: "MODEL.UNKNOWN_REFERENCE",
  /** A strategy rule that no customer can reach (an earlier rule takes all its customers). */
  MODEL_UNREACHABLE_RULE: "MODEL.UNREACHABLE_RULE",
  /** Two strategy rules overlap in a way their order does not resolve. */
  MODEL_OVERLAP: "MODEL.OVERLAP",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
