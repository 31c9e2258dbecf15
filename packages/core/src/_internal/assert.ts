import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";

/** Throws `METRIC.NOT_FINITE` unless `value` is a finite number. */
export function assertFinite(fn: string, value: unknown, path: InputPath): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(
      ErrorCodes.NOT_FINITE,
      `${fn} requires a finite number at ${formatPath(path)}, got ${describe(value)}`,
      path,
      value,
    );
  }
}

/** Throws `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` unless `value` is a non-negative integer. */
export function assertCount(fn: string, value: unknown, path: InputPath): asserts value is number {
  assertFinite(fn, value, path);
  if (!Number.isInteger(value)) {
    throw new InputError(ErrorCodes.NOT_INTEGER, `${fn} requires an integer count at ${formatPath(path)}, got ${value}`, path, value);
  }
  if (value < 0) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative count at ${formatPath(path)}, got ${value}`, path, value);
  }
}

/** Throws `METRIC.INVALID_OPTION` unless `level` is strictly between 0 and 1. */
export function assertConfidence(fn: string, level: number): void {
  if (!(typeof level === "number" && level > 0 && level < 1)) {
    throw new InputError(
      ErrorCodes.INVALID_OPTION,
      `${fn} requires a confidence level strictly between 0 and 1, got ${describe(level)}`,
      ["options", "confidence"],
      level,
    );
  }
}

/** Renders a path as `responses[3].score` for messages. */
export function formatPath(path: InputPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "input" : out;
}

/** A short, safe rendering of an arbitrary value for messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  return Object.prototype.toString.call(value);
}
