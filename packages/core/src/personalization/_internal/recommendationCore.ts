import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { describe } from "../../_internal/assert.js";
import { associationMeasures, type AssociationMeasure } from "../associationMeasures.js";
import type { CooccurrenceModel } from "../itemCooccurrence.js";
import type { CooccurrenceOptions, ItemRecommendation, RecommendationFilters } from "../ItemRecommendation.js";

const measures: ReadonlySet<string> = new Set(["cosine", "lift", "jaccard", "confidence"]);

/** Own-property read of a record (item ids such as "constructor" are ordinary keys). */
export function own<T>(rec: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return rec !== undefined && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A predicate: may `item` be recommended under the filters? */
export function allowedBy(filters: RecommendationFilters | undefined): (item: string) => boolean {
  const banned = new Set([...(filters?.exclude ?? []), ...(filters?.optedOutItems ?? [])]);
  const bannedCategories = new Set(filters?.optedOutCategories ?? []);
  const categoryOf = filters?.categoryOf;
  return (item) => {
    if (banned.has(item)) return false;
    const c = own(categoryOf, item);
    return c === undefined || !bannedCategories.has(c);
  };
}

/** Validated options with defaults. */
export function resolveOptions(fn: string, options: CooccurrenceOptions): { measure: AssociationMeasure; minSupport: number; limit: number } {
  const measure = options.measure ?? "cosine";
  if (!measures.has(measure)) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a measure among cosine, lift, jaccard, confidence, got ${describe(measure)}`, ["options", "measure"], measure);
  const minSupport = options.minSupport ?? 2;
  if (!(Number.isInteger(minSupport) && minSupport >= 1)) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires an integer minimum support ≥ 1, got ${describe(minSupport)}`, ["options", "minSupport"], minSupport);
  const limit = options.limit ?? 10;
  if (!(Number.isInteger(limit) && limit >= 1)) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires an integer limit ≥ 1, got ${describe(limit)}`, ["options", "limit"], limit);
  return { measure, minSupport, limit };
}

const round = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * Candidates co-occurring with any seed, each scored by its best seed (max of
 * the measure; ties: higher support, then seed order), filtered, ranked by
 * score, then support, then item id.
 */
export function cooccurring(model: CooccurrenceModel, seeds: readonly string[], measure: AssociationMeasure, minSupport: number, allowed: (item: string) => boolean): ItemRecommendation[] {
  const best = new Map<string, ItemRecommendation>();
  for (const seed of seeds) {
    const row = own(model.pairs, seed);
    const cx = own(model.items, seed);
    if (row === undefined || cx === undefined) continue;
    for (const [item, cxy] of Object.entries(row)) {
      if (cxy < minSupport || !allowed(item)) continue;
      const cy = own(model.items, item) ?? 0;
      const m = associationMeasures(model.baskets, cx, cy, cxy);
      const score = m[measure];
      const prev = best.get(item);
      if (prev !== undefined && (prev.score > score || (prev.score === score && prev.support >= cxy))) continue;
      best.set(item, {
        item,
        score,
        basis: "cooccurrence",
        reason: `bought with ${seed} in ${cxy} of ${model.baskets} baskets (${measure} ${round(score)}, lift ${round(m.lift)})`,
        seed,
        support: cxy,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.support - a.support || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
}

/** Items by baskets holding them (ties by id), filtered. */
export function bestSellers(model: CooccurrenceModel, allowed: (item: string) => boolean, note: string): ItemRecommendation[] {
  return Object.entries(model.items)
    .filter(([item]) => allowed(item))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([item, c]) => ({ item, score: c / model.baskets, basis: "top_seller" as const, reason: `top seller: in ${c} of ${model.baskets} baskets${note}`, support: c }));
}
