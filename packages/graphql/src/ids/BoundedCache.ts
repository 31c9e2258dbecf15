/**
 * A map that keeps at most `capacity` entries, dropping the oldest insertion
 * first. No refresh on read: the ids of one page are re-inserted by the next
 * request long before thousands of other encodings push them out, and a hit
 * stays one `Map.get`.
 *
 * @example
 * const cache = new BoundedCache<string, string>(2);
 * cache.set("a", "1"); cache.set("b", "2"); cache.set("c", "3");
 * cache.get("a"); // undefined: dropped for "c"
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  /** @param capacity - most entries kept, an integer ≥ 1 */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`BoundedCache requires an integer capacity ≥ 1, got ${capacity}`);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.#entries.size >= this.capacity && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }
}
