import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import { rankScores } from "./_internal/quintiles.js";

/** Per-customer recency, frequency and monetary value, as parallel columns. */
export interface RfmInput {
  /** Days since the last purchase (lower is better). */
  readonly recencyDays: ArrayLike<number>;
  /** Number of purchases (orders). */
  readonly frequency: ArrayLike<number>;
  /** Total spend. */
  readonly monetary: ArrayLike<number>;
}

/** RFM quintile scores, 1–5, higher is better, aligned with the input rows. */
export interface RfmScores {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
}

/** Options of {@link rfmScores}. */
export interface RfmScoreOptions {
  /**
   * `"together"` (default): tied values share a score — the score of the tie
   * group's first row in rank order — so the result does not depend on row
   * order and quintile sizes are balanced up to ties. `"split"`: SQL
   * `NTILE(5) OVER (ORDER BY value, row)` exactly — ties are broken by row
   * position and sizes differ by at most one.
   */
  readonly ties?: "together" | "split";
}

/**
 * RFM quintile scores: each of recency, frequency and monetary value is ranked
 * over all customers and cut into five equal-count groups scored 1–5, with 5
 * the best — most recent (fewest days), most frequent, highest spend.
 *
 * Definition: rows are ordered by the value (recency descending, frequency and
 * monetary ascending), ties by row position; the row at 0-based rank i among n
 * gets score NTILE(5) = bucket(i) + 1 where the first n mod 5 buckets hold
 * ⌈n/5⌉ rows and the rest ⌊n/5⌋. With `ties: "together"` a tie group takes the
 * score of its first row.
 *
 * Source: A. M. Hughes (1994), "Strategic Database Marketing" (quintile RFM
 * coding); NTILE as in ISO SQL:2003 window functions.
 *
 * Range: every score in 1–5. Complexity: O(n log n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no customers; `METRIC.INCONSISTENT` for columns of different lengths;
 *   `METRIC.NOT_FINITE` for NaN or ±Infinity, with the column and position
 * @category Value
 * @example
 * rfmScores({ recencyDays: [1, 10, 100, 5, 50], frequency: [9, 3, 1, 5, 2], monetary: [500, 80, 10, 200, 40] }).r
 * // => Uint8Array [5, 3, 1, 4, 2]
 */
export function rfmScores(input: RfmInput, options: RfmScoreOptions = {}): RfmScores {
  const { recencyDays, frequency, monetary } = input;
  const n = recencyDays.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "rfmScores requires at least one customer", ["recencyDays"], n);
  if (frequency.length !== n || monetary.length !== n) {
    throw new InputError(ErrorCodes.INCONSISTENT, `rfmScores requires columns of equal length, got ${n}, ${frequency.length}, ${monetary.length}`, ["frequency"], frequency.length);
  }
  for (let i = 0; i < n; i++) {
    assertFinite("rfmScores", recencyDays[i], ["recencyDays", i]);
    assertFinite("rfmScores", frequency[i], ["frequency", i]);
    assertFinite("rfmScores", monetary[i], ["monetary", i]);
  }
  const together = (options.ties ?? "together") === "together";
  return {
    r: rankScores(recencyDays, true, together, 5),
    f: rankScores(frequency, false, together, 5),
    m: rankScores(monetary, false, together, 5),
  };
}
