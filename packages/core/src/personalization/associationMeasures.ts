import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertCount } from "../_internal/assert.js";

/** How strongly two items go together, from their basket counts. */
export interface AssociationMeasures {
  /** c(x, y): baskets with both. */
  readonly support: number;
  /** P(y | x) = c(x, y) / c(x), in [0, 1]. */
  readonly confidence: number;
  /** P(y | x) / P(y) = n · c(x, y) / (c(x) · c(y)), ≥ 0; 1 = independence. */
  readonly lift: number;
  /** c(x, y) / √(c(x) · c(y)), in [0, 1]; symmetric. */
  readonly cosine: number;
  /** c(x, y) / (c(x) + c(y) − c(x, y)), in [0, 1]; symmetric. */
  readonly jaccard: number;
}

/** The score used to rank co-occurrence recommendations. */
export type AssociationMeasure = "cosine" | "lift" | "jaccard" | "confidence";

/**
 * Association measures of the rule x → y from basket counts: n baskets, c(x)
 * and c(y) baskets holding each item, c(x, y) holding both.
 *
 * - confidence = c(x, y) / c(x): P(y | x) (Agrawal, Imieliński & Swami 1993,
 *   "Mining association rules between sets of items in large databases", SIGMOD);
 * - lift = n · c(x, y) / (c(x) · c(y)): how many times likelier y is with x than
 *   overall (Brin, Motwani, Ullman & Tsur 1997, "Dynamic itemset counting and
 *   implication rules", SIGMOD, where it is called interest); favours rare items;
 * - cosine = c(x, y) / √(c(x) c(y)): the cosine of the two items' binary basket
 *   vectors, the similarity of Amazon's item-to-item collaborative filtering
 *   (Linden, Smith & York 2003); null-invariant (does not depend on n);
 * - jaccard = c(x, y) / (c(x) + c(y) − c(x, y)): overlap of the basket sets.
 * See Tan, Kumar & Srivastava (2002), "Selecting the right objective measure
 * for association analysis", KDD, for how they compare.
 *
 * Full precision. c(x, y) = 0 gives 0 for every measure.
 *
 * @throws {InputError} `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` for counts that are not non-negative integers;
 *   `METRIC.INCONSISTENT` when c(x, y) > min(c(x), c(y)) or a count exceeds n; `METRIC.EMPTY_SAMPLE` when c(x) or c(y) is 0
 * @category Personalization
 * @example
 * associationMeasures(10, 4, 5, 2) // => { support: 2, confidence: 0.5, lift: 1, cosine: 0.4472…, jaccard: 0.2857… }
 */
export function associationMeasures(n: number, cx: number, cy: number, cxy: number): AssociationMeasures {
  const fn = "associationMeasures";
  assertCount(fn, n, ["n"]);
  assertCount(fn, cx, ["cx"]);
  assertCount(fn, cy, ["cy"]);
  assertCount(fn, cxy, ["cxy"]);
  if (cx === 0 || cy === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires items seen in at least one basket, got c(x) = ${cx}, c(y) = ${cy}`, [cx === 0 ? "cx" : "cy"], 0);
  if (cx > n || cy > n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires item counts at most n = ${n}, got ${Math.max(cx, cy)}`, [cx > n ? "cx" : "cy"], Math.max(cx, cy));
  if (cxy > Math.min(cx, cy)) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires a pair count at most min(c(x), c(y)) = ${Math.min(cx, cy)}, got ${cxy}`, ["cxy"], cxy);
  return {
    support: cxy,
    confidence: cxy / cx,
    lift: (n * cxy) / (cx * cy),
    cosine: cxy / Math.sqrt(cx * cy),
    jaccard: cxy / (cx + cy - cxy),
  };
}
