import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { Persona } from "../journey/Persona.js";
import { assertValidSegment } from "./_internal/assertValidSegment.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";
import type { SegmentOptions } from "./SegmentOptions.js";

/** A persona together with the segment that decides which customers it describes. */
export interface PersonaSegment {
  /** The journey-map persona, with `segmentId` set to the segment's id. */
  readonly persona: Persona;
  readonly segment: SegmentDefinition;
}

/**
 * Defines a persona as a named segment: the journey area's {@link Persona}
 * (goals, needs, preferred channels) linked to a validated segment definition,
 * so "who is this persona" is answered by `compileSegment(result.segment)`.
 *
 * @throws {InputError} the first validation issue of the segment; `SEGMENT.INVALID` when the
 *   persona already names a different segment id
 * @category Segments
 * @example
 * definePersona(
 *   { id: "busy-pro", name: "Busy professional", goals: ["save time"], needs: ["self-service"], preferredChannels: ["email"] },
 *   { id: "pros", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } },
 * ).persona.segmentId // => "pros"
 */
export function definePersona(persona: Persona, segment: SegmentDefinition, options: SegmentOptions = {}): PersonaSegment {
  if (persona.segmentId !== undefined && persona.segmentId !== segment.id) {
    throw new InputError(ErrorCodes.SEGMENT_INVALID, `definePersona requires the persona's segmentId to match the segment, got ${persona.segmentId} for ${segment.id}`, ["persona", "segmentId"], persona.segmentId);
  }
  assertValidSegment("definePersona", segment, options);
  return { persona: { ...persona, segmentId: segment.id }, segment };
}
