// Index order of non-negative keys, largest first, by an LSD radix sort of the keys' IEEE-754 bits.
//
// For finite doubles ≥ +0 the 64-bit pattern read as an unsigned integer grows with the value, so
// sorting the patterns sorts the keys. Four stable passes of 16 bits over a Uint32Array of indices
// (a pass is skipped when every key has the same digit there) cost about what one native
// Float64Array.prototype.sort of the keys costs, where a comparator sort of indices costs ~3.5×.
// Keys that are equal are then ordered by `tie`, which is only called inside runs of equal keys.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;
const BITS = 16;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/**
 * Indices 0 … n−1 ordered by `keys` descending; equal keys ordered by `tie(a, b)` (negative: a first).
 * Every key must be finite and ≥ 0 with no −0 (callers normalise with `+ 0`).
 */
export function orderByKeyDescending(keys: Float64Array, tie: (a: number, b: number) => number): Uint32Array {
  const n = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  const hist = new Uint32Array(BUCKETS * 4);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i + LO] as number;
    const hi = words[2 * i + HI] as number;
    const d0 = lo & MASK;
    const d1 = BUCKETS + (lo >>> BITS);
    const d2 = 2 * BUCKETS + (hi & MASK);
    const d3 = 3 * BUCKETS + (hi >>> BITS);
    hist[d0] = (hist[d0] as number) + 1;
    hist[d1] = (hist[d1] as number) + 1;
    hist[d2] = (hist[d2] as number) + 1;
    hist[d3] = (hist[d3] as number) + 1;
  }
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
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
    const word = pass < 2 ? LO : HI;
    const shift = (pass & 1) * BITS;
    for (let j = 0; j < n; j++) {
      const i = from[j] as number;
      const d = offset + (((words[2 * i + word] as number) >>> shift) & MASK);
      const at = hist[d] as number;
      to[at] = i;
      hist[d] = at + 1;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  from.reverse();
  // Runs of equal keys: order by the tie-breaker.
  let start = 0;
  for (let j = 1; j <= n; j++) {
    if (j < n && keys[from[j] as number] === keys[from[start] as number]) continue;
    if (j - start > 1) from.subarray(start, j).sort(tie);
    start = j;
  }
  return from;
}
