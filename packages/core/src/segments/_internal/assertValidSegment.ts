import { InputError } from "../../errors/InputError.js";
import type { SegmentDefinition } from "../SegmentDefinition.js";
import type { SegmentOptions } from "../SegmentOptions.js";
import { validateSegmentDefinition } from "../validateSegmentDefinition.js";

/** Throws the first validation issue as an {@link InputError} (the message counts the rest). */
export function assertValidSegment(fn: string, definition: SegmentDefinition, options: SegmentOptions): void {
  const { issues } = validateSegmentDefinition(definition, options);
  const first = issues[0];
  if (first !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : "";
    throw new InputError(first.code, `${first.message.replace("validateSegmentDefinition", fn)}${more}`, first.path, first.value);
  }
}
