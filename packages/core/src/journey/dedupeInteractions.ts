import type { Interaction } from "./Interaction.js";

/** Result of {@link dedupeInteractions}. */
export interface DedupedInteractions {
  /** The first occurrence of each idempotency id, in input order. */
  readonly interactions: readonly Interaction[];
  /** How many records were dropped as repeats. */
  readonly duplicates: number;
  /** The ids that occurred more than once, each listed once. */
  readonly duplicateIds: readonly string[];
}

/**
 * Drops replayed interactions: keeps the first record of each idempotency
 * `id` and counts the rest, so a retried webhook is counted once.
 *
 * Complexity: O(n) time and memory.
 *
 * @category Journey
 * @example
 * dedupeInteractions([first, first, second]).duplicates // => 1
 */
export function dedupeInteractions(interactions: readonly Interaction[]): DedupedInteractions {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const out: Interaction[] = [];
  for (const it of interactions) {
    if (seen.has(it.id)) repeated.add(it.id);
    else {
      seen.add(it.id);
      out.push(it);
    }
  }
  return { interactions: out, duplicates: interactions.length - out.length, duplicateIds: [...repeated] };
}
