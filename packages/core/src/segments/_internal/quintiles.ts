/** 0-based NTILE(k) bucket of 0-based rank i among n rows (SQL semantics: the first n mod k buckets get one extra row). */
export function ntileBucket(i: number, n: number, k: number): number {
  const q = Math.floor(n / k);
  const r = n % k;
  const big = r * (q + 1);
  return i < big ? Math.floor(i / (q + 1)) : r + Math.floor((i - big) / q);
}

/**
 * Scores 1..k by rank. Rows are ordered by value (ascending, or descending when
 * `descending`), ties by position; rank i gets NTILE bucket + 1. With `together`,
 * every row of a tie group gets the bucket of the group's first row.
 */
export function rankScores(values: ArrayLike<number>, descending: boolean, together: boolean, k: number): Uint8Array {
  const n = values.length;
  const v = Float64Array.from(values);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (descending) order.sort((a, b) => (v[b] as number) - (v[a] as number) || a - b);
  else order.sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
  const out = new Uint8Array(n);
  let groupBucket = 0;
  for (let i = 0; i < n; i++) {
    const row = order[i] as number;
    const bucket = ntileBucket(i, n, k);
    if (!together || i === 0 || v[row] !== v[order[i - 1] as number]) groupBucket = bucket;
    out[row] = (together ? groupBucket : bucket) + 1;
  }
  return out;
}
