// Index order of non-negative keys, largest first, by an LSD radix sort of the keys' IEEE-754 bits.
//
// For finite doubles ≥ +0 the 64-bit pattern read as an unsigned integer grows with the value, so
// sorting the patterns sorts the keys. Stable passes of 16 bits over a Uint32Array of indices (a pass
// is skipped when every key has the same digit there) cost less than one native
// Float64Array.prototype.sort of the keys, where a comparator sort of indices costs ~3.5×.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const BITS = 16;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/**
 * Indices 0 … n−1 ordered by `keys` descending; equal keys ordered by `tie(a, b)` (negative: a first).
 * The result is a view into `work` (2n entries, contents arbitrary; fresh by default).
 * Every key must be finite and ≥ 0 with no −0 (callers normalise with `+ 0`).
 *
 * Two radix passes order by the high 32 bits (sign, exponent, 20 bits of mantissa); the few runs
 * that share them are then finished by the full key and the tie-breaker (insertion sort for short
 * runs, a comparator sort for long ones such as many zeros).
 */
export function orderByKeyDescending(keys: Float64Array, tie: (a: number, b: number) => number, work: Uint32Array = new Uint32Array(2 * keys.length)): Uint32Array {
  const n = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  const hist = new Uint32Array(BUCKETS * 2);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HI] as number;
    const d0 = hi & MASK;
    const d1 = BUCKETS + (hi >>> BITS);
    hist[d0] = (hist[d0] as number) + 1;
    hist[d1] = (hist[d1] as number) + 1;
  }
  let from = work.subarray(0, n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = work.subarray(n, 2 * n);
  for (let pass = 0; pass < 2; pass++) {
    const offset = pass * BUCKETS;
    let skip = false;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const count = hist[offset + d] as number;
      if (count === n) {
        skip = true;
        break;
      }
      hist[offset + d] = sum;
      sum += count;
    }
    if (skip) continue;
    const shift = pass * BITS;
    for (let j = 0; j < n; j++) {
      const i = from[j] as number;
      const d = offset + (((words[2 * i + HI] as number) >>> shift) & MASK);
      const at = hist[d] as number;
      to[at] = i;
      hist[d] = at + 1;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  from.reverse();
  const full = (a: number, b: number): number => (keys[b] as number) - (keys[a] as number) || tie(a, b);
  let start = 0;
  let high = n > 0 ? (words[2 * (from[0] as number) + HI] as number) : 0;
  for (let j = 1; j <= n; j++) {
    const h = j < n ? (words[2 * (from[j] as number) + HI] as number) : -1;
    if (h === high) continue;
    const length = j - start;
    if (length > 16) from.subarray(start, j).sort(full);
    else if (length > 1) {
      for (let x = start + 1; x < j; x++) {
        const v = from[x] as number;
        let y = x - 1;
        while (y >= start && full(from[y] as number, v) > 0) {
          from[y + 1] = from[y] as number;
          y--;
        }
        from[y + 1] = v;
      }
    }
    start = j;
    high = h;
  }
  return from;
}
