// The first repeated string of a list, found with cache-sized hash tables.
//
// One open-addressing table over a million ids is a cache miss per insert (~100 ms on 1M ids, more
// than sorting them); V8's Set costs ~170 ms. Instead the ids are bucketed by the top bits of their
// hash (a counting sort, sequential) and each bucket of ~2,000 ids gets a table that stays in cache.
// Strings are compared only when their 32-bit hashes are equal.

const TARGET_BUCKET = 2048;

/** FNV-1a over UTF-16 code units, then murmur3's finaliser (so ids like "c1", "c2" … spread). */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Of the strings `keyOf(0)` … `keyOf(n − 1)`, the `[first, second]` positions of the repeated one whose
 * second occurrence comes earliest, or `null` when every string is distinct. (An accessor rather than an
 * array: a caller's million-string copy would be one more old-generation allocation for the GC to mark.)
 * `work` (2n entries) holds the hashes, then the bucketed positions; fresh by default. With `hashed`, the
 * caller has already put `stringHash(keyOf(i))` in `work[i]` (while the string was in cache).
 */
export function firstDuplicate(n: number, keyOf: (i: number) => string, work: Uint32Array = new Uint32Array(2 * n), hashed = false): readonly [number, number] | null {
  if (n < 2) return null;
  const hashes = work.subarray(0, n);
  if (!hashed) for (let i = 0; i < n; i++) hashes[i] = stringHash(keyOf(i));
  let bits = 0;
  while (bits < 16 && n >>> bits > TARGET_BUCKET) bits++;
  const buckets = 1 << bits;
  const shift = 32 - bits;
  const bucketOf = (h: number): number => (bits === 0 ? 0 : h >>> shift);
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(hashes[i] as number) + 1;
    start[b] = (start[b] as number) + 1;
  }
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    largest = Math.max(largest, start[b + 1] as number);
    start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  }
  const fill = start.slice(0, buckets);
  const sorted = work.subarray(n, 2 * n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(hashes[i] as number);
    sorted[fill[b] as number] = i;
    fill[b] = (fill[b] as number) + 1;
  }
  let slots = 2;
  while (slots < largest * 2) slots *= 2;
  const mask = slots - 1;
  const table = new Int32Array(slots);
  let found: [number, number] | null = null;
  for (let b = 0; b < buckets; b++) {
    table.fill(-1);
    // Indices of a bucket are in increasing order, so the first repeat met is the bucket's earliest second occurrence.
    scan: for (let j = start[b] as number; j < (start[b + 1] as number); j++) {
      const i = sorted[j] as number;
      const h = hashes[i] as number;
      for (let at = h & mask; ; at = (at + 1) & mask) {
        const k = table[at] as number;
        if (k === -1) {
          table[at] = i;
          break;
        }
        if (hashes[k] === h && keyOf(k) === keyOf(i)) {
          if (found === null || i < found[1]) found = [k, i];
          break scan;
        }
      }
    }
  }
  return found;
}
