import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";

export function checkPValues(fn: string, p: readonly number[]): void {
  if (p.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one p-value`, ["pValues"], 0);
  p.forEach((x, i) => {
    if (!(typeof x === "number" && x >= 0 && x <= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires p-values in [0, 1], got ${x} at pValues[${i}]`, ["pValues", i], x);
  });
}
