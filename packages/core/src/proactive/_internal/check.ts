import { ErrorCodes } from "../../errors/codes.js";
import { InputError, type InputPath } from "../../errors/InputError.js";
import { assertFinite, describe } from "../../_internal/assert.js";

/** A non-empty string at `path`, else `JOURNEY.INVALID_FIELD`. */
export function text(fn: string, v: unknown, path: InputPath, what: string): string {
  if (typeof v !== "string" || v === "") throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty ${what}, got ${describe(v)}`, path, v);
  return v;
}

/** An object at `path`, else `JOURNEY.INVALID_FIELD`. */
export function record(fn: string, v: unknown, path: InputPath, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires ${what} object, got ${describe(v)}`, path, v);
  return v as Record<string, unknown>;
}

/** One of `allowed` at `path`, else `JOURNEY.INVALID_FIELD`. */
export function oneOf<T extends string>(fn: string, v: unknown, allowed: readonly T[], path: InputPath, what: string): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires ${what} among ${allowed.join(", ")}, got ${describe(v)}`, path, v);
  }
  return v as T;
}

/** A finite number with lo < v (or lo ≤ v when `closedLow`) and v ≤ hi, else `METRIC.NOT_FINITE` / `METRIC.OUT_OF_RANGE`. */
export function inRange(fn: string, v: unknown, path: InputPath, what: string, lo: number, hi: number, closedLow: boolean): number {
  assertFinite(fn, v, path);
  if (!(closedLow ? v >= lo : v > lo) || v > hi) {
    const low = closedLow ? `≥ ${lo}` : `> ${lo}`;
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires ${what} ${low}${hi === Infinity ? "" : ` and ≤ ${hi}`}, got ${v}`, path, v);
  }
  return v;
}

/** Throws `METRIC.INVALID_OPTION` unless Intl knows the IANA time zone. */
export function timeZone(fn: string, v: unknown, path: InputPath): string {
  let ok = typeof v === "string" && v !== "";
  if (ok) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: v as string });
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires an IANA time zone, got ${describe(v)}`, path, v);
  return v as string;
}
