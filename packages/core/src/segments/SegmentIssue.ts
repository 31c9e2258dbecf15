import type { InputPath } from "../errors/InputError.js";

/** One problem found in a segment definition. */
export interface SegmentIssue {
  /** Stable code, e.g. `"SEGMENT.UNKNOWN_OPERATOR"`. */
  readonly code: string;
  /** JSON path from the definition root, e.g. `["condition", "conditions", 2, "op"]`. */
  readonly path: InputPath;
  readonly message: string;
  /** The offending value. */
  readonly value: unknown;
}
