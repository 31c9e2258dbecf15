import type { InputPath } from "../../errors/InputError.js";
import { formatPath } from "../../_internal/assert.js";
import type { SegmentIssue } from "../SegmentIssue.js";

/** Builds an issue whose message follows the `"<fn> requires …"` grammar. */
export function issue(code: string, path: InputPath, rule: string, value: unknown): SegmentIssue {
  return { code, path, message: `validateSegmentDefinition requires ${rule} at ${formatPath(path)}`, value };
}
