import type { CompiledStageRules } from "./compileStageRules.js";

/** Transitions in parallel arrays; cause ≥ 0 is a rule index, cause < 0 is lapse rule −cause − 1. */
export interface StageKernelOutput {
  readonly stage: Int8Array;
  readonly since: Float64Array;
  readonly tCustomer: Int32Array;
  readonly tFrom: Int8Array;
  readonly tTo: Int8Array;
  readonly tAt: Float64Array;
  readonly tCause: Int16Array;
  /** Grouped row of the triggering interaction, −1 for a lapse. */
  readonly tRow: Int32Array;
}

/** Runs the stage rules over customer blocks `[starts[c], starts[c+1])` in time order. */
export function stageKernel(starts: Int32Array, ts: Float64Array, ruleMask: Uint32Array, actMask: Uint32Array, R: CompiledStageRules, asOf: number): StageKernelOutput {
  const C = starts.length - 1;
  const nR = R.toRank.length;
  const nL = R.lapseTo.length;
  const stage = new Int8Array(C);
  const since = new Float64Array(C);
  let cap = Math.max(16, C * 2);
  let tCustomer = new Int32Array(cap);
  let tFrom = new Int8Array(cap);
  let tTo = new Int8Array(cap);
  let tAt = new Float64Array(cap);
  let tCause = new Int16Array(cap);
  let tRow = new Int32Array(cap);
  let nT = 0;
  const counts = new Int32Array(nR);
  const lastAct = new Float64Array(nL);
  let cur = -1;
  let curSince = Number.NaN;
  let c = 0;
  const push = (to: number, at: number, cause: number, row: number): void => {
    if (nT === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Int8Array | Float64Array | Int16Array>(a: T, b: T): T => (b.set(a), b);
      tCustomer = grow(tCustomer, new Int32Array(cap));
      tFrom = grow(tFrom, new Int8Array(cap));
      tTo = grow(tTo, new Int8Array(cap));
      tAt = grow(tAt, new Float64Array(cap));
      tCause = grow(tCause, new Int16Array(cap));
      tRow = grow(tRow, new Int32Array(cap));
    }
    tCustomer[nT] = c;
    tFrom[nT] = cur;
    tTo[nT] = to;
    tAt[nT] = at;
    tCause[nT] = cause;
    tRow[nT] = row;
    nT++;
    if (to < cur) counts.fill(0); // a demoted customer re-earns later stages
    cur = to;
    curSince = at;
  };
  const lapseUntil = (t: number): void => {
    for (let guard = 0; guard <= nL; guard++) {
      let fired = false;
      for (let l = 0; l < nL; l++) {
        if ((((R.lapseFrom[l] as number) >>> (cur + 1)) & 1) === 0) continue;
        const la = lastAct[l] as number;
        const base = la > curSince ? la : curSince;
        const at = base + (R.lapseAfter[l] as number);
        if (t > at) {
          push(R.lapseTo[l] as number, at, -l - 1, -1);
          fired = true;
          break;
        }
      }
      if (!fired) return;
    }
  };
  for (c = 0; c < C; c++) {
    const s = starts[c] as number;
    const e = starts[c + 1] as number;
    cur = -1;
    curSince = Number.NaN;
    counts.fill(0);
    lastAct.fill(Number.NEGATIVE_INFINITY);
    for (let i = s; i < e; i++) {
      const t = ts[i] as number;
      if (nL > 0 && cur >= 0) lapseUntil(t);
      const rm = ruleMask[i] as number;
      if (rm !== 0) {
        let up = -1;
        let down = -1;
        for (let r = 0; r < nR; r++) {
          if (((rm >>> r) & 1) === 0) continue;
          const k = (counts[r] = (counts[r] as number) + 1);
          if (k < (R.minCount[r] as number) || (((R.fromMask[r] as number) >>> (cur + 1)) & 1) === 0) continue;
          const to = R.toRank[r] as number;
          if (to > cur) {
            if (up < 0 || to > (R.toRank[up] as number)) up = r;
          } else if (to < cur && R.allowDemotion[r] === 1) {
            if (down < 0 || to > (R.toRank[down] as number)) down = r;
          }
        }
        if (up >= 0) push(R.toRank[up] as number, t, up, i);
        else if (down >= 0) push(R.toRank[down] as number, t, down, i);
      }
      const am = actMask[i] as number;
      if (am !== 0) for (let l = 0; l < nL; l++) if (((am >>> l) & 1) === 1) lastAct[l] = t;
    }
    if (nL > 0 && cur >= 0 && Number.isFinite(asOf)) lapseUntil(asOf);
    stage[c] = cur;
    since[c] = curSince;
  }
  return {
    stage,
    since,
    tCustomer: tCustomer.subarray(0, nT),
    tFrom: tFrom.subarray(0, nT),
    tTo: tTo.subarray(0, nT),
    tAt: tAt.subarray(0, nT),
    tCause: tCause.subarray(0, nT),
    tRow: tRow.subarray(0, nT),
  };
}
