import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/** An integer rating scale, inclusive at both ends (1–5, 1–7, 0–10…). */
export interface Scale {
  readonly min: number;
  readonly max: number;
}

/** Throws `METRIC.INVALID_OPTION` unless the scale has integer ends with min < max. */
export function assertScale(fn: string, scale: Scale): void {
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min >= scale.max) {
    throw new InputError(
      ErrorCodes.INVALID_OPTION,
      `${fn} requires a scale with integer ends and min < max, got ${scale.min}–${scale.max}`,
      ["options", "scale"],
      scale,
    );
  }
}
