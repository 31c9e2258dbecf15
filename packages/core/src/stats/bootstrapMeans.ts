import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/**
 * Bootstrap replicates of a sample mean: `samples` means of n values drawn
 * with replacement from `values` (Efron's nonparametric bootstrap).
 *
 * Definition: replicate b = (1/n) Σᵢ x[⌊u_{b,i} · n⌋] with u uniform on [0, 1)
 * from `random`, i = 1…n. Percentiles of the replicates give a percentile
 * interval (see {@link quantileSorted}).
 *
 * Source: B. Efron (1979), "Bootstrap methods: another look at the
 * jackknife", Annals of Statistics 7(1), 1–26; B. Efron & R. Tibshirani
 * (1993), An Introduction to the Bootstrap, ch. 6 and 13.
 *
 * Determinism: the result depends on the order of `values` and on the
 * generator's sequence only; sort the values first (ascending) to make it
 * depend on the multiset alone. Range: every replicate lies in [min x, max x].
 * Complexity: O(samples × n) time, O(samples) memory.
 *
 * @param values - finite numbers (not checked: the caller validated them)
 * @param samples - number of replicates, a positive integer
 * @param random - a generator of uniforms on [0, 1), e.g. {@link mulberry32}
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no values; `METRIC.INVALID_OPTION` when samples is not a positive integer
 * @category Statistics
 * @example
 * bootstrapMeans(Float64Array.of(1, 2, 3), 1000, mulberry32(7)) // => Float64Array(1000) of means in [1, 3]
 */
export function bootstrapMeans(values: ArrayLike<number>, samples: number, random: () => number): Float64Array {
  const n = values.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "bootstrapMeans requires at least one value", ["values"], n);
  if (!(Number.isInteger(samples) && samples > 0)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `bootstrapMeans requires a positive integer number of samples, got ${samples}`, ["samples"], samples);
  }
  const out = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[(random() * n) | 0] as number;
    out[b] = s / n;
  }
  return out;
}
