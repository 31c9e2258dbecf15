import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite } from "../../_internal/assert.js";

/** Throws unless every listed parameter is a finite positive number. */
export function assertPositiveParams(fn: string, params: object, names: readonly string[]): void {
  const record = params as Record<string, unknown>;
  for (const name of names) {
    const v = record[name];
    assertFinite(fn, v, ["params", name]);
    if (!(v > 0)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive parameter ${name}, got ${v}`, ["params", name], v);
  }
}

/** Throws unless `t` is a finite, non-negative horizon. */
export function assertHorizon(fn: string, t: number, path: readonly (string | number)[] = ["t"]): void {
  assertFinite(fn, t, path);
  if (t < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative horizon t, got ${t}`, path, t);
}
