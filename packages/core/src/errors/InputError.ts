/**
 * A path into the caller's input: field names and array positions, as in
 * `["responses", 12]` or `["definition", "all", 3, "value"]`.
 */
export type InputPath = readonly (string | number)[];

/**
 * The one error every `@engagekit/core` function throws for input it cannot
 * score: empty samples, values outside their scale, non-integers where
 * integers are required, NaN and infinities.
 *
 * `code` is stable and machine-readable (`"METRIC.OUT_OF_RANGE"`); `path`
 * names the offending field and position; `value` is what was seen. The
 * GraphQL layer maps it to `BAD_USER_INPUT` with `extensions.field`.
 *
 * Messages follow the grammar `"<fn> requires …"`: lower-case, no trailing
 * period, naming the function, the rule and the value.
 *
 * @example
 * try { netPromoterScore([11]) } catch (e) {
 *   if (e instanceof InputError) e.code // => "METRIC.OUT_OF_RANGE"
 * }
 */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly code: string;
  readonly path: InputPath;
  readonly value: unknown;

  constructor(code: string, message: string, path: InputPath = [], value?: unknown) {
    super(message);
    this.code = code;
    this.path = path;
    this.value = value;
  }
}
