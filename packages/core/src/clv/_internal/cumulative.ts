/**
 * For integer x, lnΓ(v+x) − lnΓ(v) = Σ_{k<x} ln(v+k) and ψ(v+x) − ψ(v) = Σ_{k<x} 1/(v+k).
 * Accumulates Σ_x count[x]·(both), so likelihoods need no gamma calls per customer. O(maxX).
 */
export function weightedRisingLog(v: number, countByX: Float64Array, offset = 0): { readonly lg: number; readonly dg: number } {
  // offset = 1 gives Σ count[x]·(lnΓ(v+x+1) − lnΓ(v)), as the modified BG/NBD needs.
  let lnSum = 0;
  let invSum = 0;
  for (let k = 0; k < offset; k++) {
    lnSum += Math.log(v + k);
    invSum += 1 / (v + k);
  }
  let lg = 0;
  let dg = 0;
  for (let x = 0; x < countByX.length; x++) {
    const c = countByX[x] as number;
    if (c !== 0) {
      lg += c * lnSum;
      dg += c * invSum;
    }
    lnSum += Math.log(v + x + offset);
    invSum += 1 / (v + x + offset);
  }
  return { lg, dg };
}
