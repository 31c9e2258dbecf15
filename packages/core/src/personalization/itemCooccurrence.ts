import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";

/**
 * Item co-occurrence counts over baskets (a basket is one customer's set of
 * purchased items, or one order, or one session): how many baskets hold each
 * item, and each pair. Plain JSON; symmetric (`pairs[x][y] = pairs[y][x]`).
 *
 * @category Personalization
 * @example
 * const m: CooccurrenceModel = { baskets: 2, items: { a: 2, b: 1 }, pairs: { a: { b: 1 }, b: { a: 1 } } };
 */
export interface CooccurrenceModel {
  /** n: baskets counted (including those with a single item). */
  readonly baskets: number;
  /** c(x): baskets holding item x. */
  readonly items: Readonly<Record<string, number>>;
  /** c(x, y): baskets holding both x and y (x ≠ y); pairs never seen together are absent. */
  readonly pairs: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * Counts items and item pairs over baskets — the sufficient statistics of
 * "customers who bought X also bought Y" (Linden, Smith & York 2003,
 * "Amazon.com recommendations: item-to-item collaborative filtering", IEEE
 * Internet Computing) and of association rules (Agrawal, Imieliński & Swami
 * 1993). Each basket counts an item or a pair once however often it repeats
 * (set semantics). Scores are computed from these counts by {@link associationMeasures}.
 *
 * Complexity: O(Σ k²) for baskets of k distinct items; cap k (e.g. the last 50
 * items per customer) for very long histories.
 *
 * @throws {InputError} `JOURNEY.INVALID_FIELD` at `["baskets", i, j]` for an item that is not a non-empty string
 * @category Personalization
 * @example
 * const m = itemCooccurrence([["a", "b"], ["a", "b", "c"], ["a"]]);
 * [m.baskets, m.items.a, m.pairs.a?.b] // => [3, 3, 2]
 */
export function itemCooccurrence(baskets: readonly (readonly string[])[]): CooccurrenceModel {
  const fn = "itemCooccurrence";
  const items = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  baskets.forEach((basket, i) => {
    if (!Array.isArray(basket)) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires each basket to be an array of item ids, got ${describe(basket)}`, ["baskets", i], basket);
    const set = new Set<string>();
    basket.forEach((item, j) => {
      if (typeof item !== "string" || item.length === 0) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires non-empty item ids, got ${describe(item)}`, ["baskets", i, j], item);
      set.add(item);
    });
    const list = [...set];
    for (const x of list) {
      items.set(x, (items.get(x) ?? 0) + 1);
      let row = pairs.get(x);
      if (row === undefined) pairs.set(x, (row = new Map()));
      for (const y of list) if (y !== x) row.set(y, (row.get(y) ?? 0) + 1);
    }
  });
  return {
    baskets: baskets.length,
    items: Object.fromEntries(items),
    pairs: Object.fromEntries([...pairs].filter(([, row]) => row.size > 0).map(([x, row]) => [x, Object.fromEntries(row)])),
  };
}
