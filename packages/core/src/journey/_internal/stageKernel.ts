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
  /** With `resume`: each customer's final rule counts (C × rules) and lapse activity times (C × lapse rules). */
  readonly counts?: Int32Array;
  readonly lastAct?: Float64Array;
}

/**
 * Where each customer block starts from, instead of "no stage yet": its
 * stage rank (−1 none), entry time, rule counts (C × rules) and last
 * activity per lapse rule (C × lapse rules, −∞ none). Given, the kernel also
 * returns the final counts and activity times, so a caller can resume again.
 */
export interface StageKernelResume {
  readonly stage: Int8Array;
  readonly since: Float64Array;
  readonly counts: Int32Array;
  readonly lastAct: Float64Array;
}

// Mutable state shared by the helpers below; plain top-level functions (no closures over
// reassigned locals) keep the hot loop fast in V8.
interface State {
  cur: number;
  since: number;
  n: number;
  cap: number;
  customer: Int32Array;
  from: Int8Array;
  to: Int8Array;
  at: Float64Array;
  cause: Int16Array;
  row: Int32Array;
  readonly counts: Int32Array;
  readonly lastAct: Float64Array;
}

/** Runs the stage rules over customer blocks `[starts[c], starts[c+1])` in time order. */
export function stageKernel(
  starts: Int32Array,
  ts: Float64Array,
  ruleMask: Uint8Array | Uint16Array | Uint32Array | Int32Array,
  actMask: Uint32Array,
  R: CompiledStageRules,
  asOf: number,
  /** Record each transition's triggering row (`tRow`); the columnar path does not report it. */
  withRows = true,
  /** When given, `ruleMask` holds codes and the rule bits of row i are `maskOf[ruleMask[i]]` (no per-row mask array). */
  maskOf: Uint32Array | null = null,
  /** Start each customer from saved state, and return the final state (see {@link StageKernelResume}). */
  resume: StageKernelResume | null = null,
): StageKernelOutput {
  const C = starts.length - 1;
  const nR = R.toRank.length;
  const nL = R.lapseTo.length;
  const stage = new Int8Array(C);
  const sinceOut = new Float64Array(C);
  const S = newState(C, nR, nL, withRows);
  const counts = S.counts;
  const { countMask, fireMask } = ruleTables(R);
  const toRank = R.toRank;
  const hasCounts = countMask !== 0;
  const countsOut = resume ? new Int32Array(C * nR) : null;
  const lastActOut = resume ? new Float64Array(C * nL) : null;
  for (let c = 0; c < C; c++) {
    const s = starts[c] as number;
    const e = starts[c + 1] as number;
    // Hot state in locals; S mirrors cur/since only around the helper calls.
    let cur = -1;
    let since = Number.NaN;
    if (resume) {
      cur = resume.stage[c] as number;
      since = resume.since[c] as number;
      counts.set(resume.counts.subarray(c * nR, (c + 1) * nR));
      S.lastAct.set(resume.lastAct.subarray(c * nL, (c + 1) * nL));
    } else {
      if (hasCounts) counts.fill(0);
      if (nL > 0) S.lastAct.fill(Number.NEGATIVE_INFINITY);
    }
    for (let i = s; i < e; i++) {
      const t = ts[i] as number;
      if (nL > 0 && cur >= 0) {
        S.cur = cur;
        S.since = since;
        lapseUntil(S, R, c, t);
        cur = S.cur;
        since = S.since;
      }
      const rm = maskOf === null ? (ruleMask[i] as number) : (maskOf[ruleMask[i] as number] as number);
      if (hasCounts) {
        const cm = rm & countMask;
        if (cm !== 0) for (let r = 0; cm >>> r !== 0; r++) if (((cm >>> r) & 1) === 1) counts[r] = (counts[r] as number) + 1;
      }
      const fm = rm & (fireMask[cur + 1] as number);
      if (fm !== 0) {
        const rule = pickRule(fm, cur, countMask, counts, R);
        if (rule >= 0) {
          const to = toRank[rule] as number;
          S.cur = cur;
          push(S, c, to, t, rule, i);
          cur = to;
          since = t;
        }
      }
      if (nL > 0) {
        const am = actMask[i] as number;
        if (am !== 0) for (let l = 0; l < nL; l++) if (((am >>> l) & 1) === 1) S.lastAct[l] = t;
      }
    }
    if (nL > 0 && cur >= 0 && Number.isFinite(asOf)) {
      S.cur = cur;
      S.since = since;
      lapseUntil(S, R, c, asOf);
      cur = S.cur;
      since = S.since;
    }
    stage[c] = cur;
    sinceOut[c] = since;
    if (countsOut && lastActOut) {
      countsOut.set(counts, c * nR);
      lastActOut.set(S.lastAct, c * nL);
    }
  }
  return {
    ...output(S, stage, sinceOut),
    ...(countsOut && lastActOut ? { counts: countsOut, lastAct: lastActOut } : {}),
  };
}

/**
 * {@link stageKernel} fused with the check `groupColumns` makes, for rows that usually come
 * grouped by customer and time-ordered already: one pass reads customer, time and type per row,
 * instead of a check pass and a kernel pass (and the blocks need no `starts` array up front).
 * For the common columnar case only: the rule bits of row i are `maskOf[type[i]]`, no lapse
 * rules, no saved state, no `tRow`.
 *
 * Returns the customer blocks (as `groupColumns` finds them), whether block c holds customer
 * code c for every c, and what `stageKernel` returns for those blocks; or null as soon as the
 * rows turn out not to be grouped (a customer in two blocks, time going back within a block, or
 * a code outside `[0, nCodes)`): the caller then groups them and runs `stageKernel`.
 */
export function stageKernelFused(
  customer: Int32Array,
  ts: Float64Array,
  type: Int32Array,
  n: number,
  nCodes: number,
  maskOf: Uint32Array,
  R: CompiledStageRules,
): { starts: Int32Array; inOrder: boolean; out: StageKernelOutput } | null {
  const nR = R.toRank.length;
  // At most one block per customer code: size the per-block arrays for all of them.
  const starts = new Int32Array(nCodes + 1);
  const stage = new Int8Array(nCodes);
  const sinceOut = new Float64Array(nCodes);
  const seen = new Uint8Array(nCodes);
  const S = newState(nCodes, nR, 0, false);
  const counts = S.counts;
  const { countMask, fireMask } = ruleTables(R);
  const toRank = R.toRank;
  let inOrder = true;
  let c = 0;
  let i = 0;
  while (i < n) {
    const code = customer[i] as number;
    if (seen[code] !== 0) return null; // seen before, or not a code (undefined)
    seen[code] = 1;
    if (code !== c) inOrder = false;
    starts[c] = i;
    let prevT = ts[i] as number;
    let cur = -1;
    let since = Number.NaN;
    let fire = fireMask[0] as number;
    if (countMask !== 0) for (let r = 0; r < nR; r++) counts[r] = 0;
    for (; i < n && customer[i] === code; i++) {
      const t = ts[i] as number;
      if (t < prevT) return null;
      prevT = t;
      const rm = maskOf[type[i] as number] as number;
      const cm = rm & countMask;
      if (cm !== 0) for (let r = 0; cm >>> r !== 0; r++) if (((cm >>> r) & 1) === 1) counts[r] = (counts[r] as number) + 1;
      const fm = rm & fire;
      if (fm === 0) continue;
      const rule = pickRule(fm, cur, countMask, counts, R);
      if (rule < 0) continue;
      const to = toRank[rule] as number;
      S.cur = cur;
      push(S, c, to, t, rule, i);
      cur = to;
      since = t;
      fire = fireMask[cur + 1] as number;
      // No rule can move the customer on (and without lapse rules nothing else can): the rest
      // of the block only needs the grouping check.
      if (fire === 0) {
        for (i++; i < n && customer[i] === code; i++) {
          const t2 = ts[i] as number;
          if (t2 < prevT) return null;
          prevT = t2;
        }
        break;
      }
    }
    stage[c] = cur;
    sinceOut[c] = since;
    c++;
  }
  starts[c] = n;
  return { starts: starts.subarray(0, c + 1), inOrder, out: output(S, stage.subarray(0, c), sinceOut.subarray(0, c)) };
}

function newState(C: number, nR: number, nL: number, withRows: boolean): State {
  // Room for 1.5 transitions per customer before growing (×2): most customers make one or two.
  const cap = Math.max(16, C + (C >> 1));
  return {
    cur: -1,
    since: Number.NaN,
    n: 0,
    cap,
    customer: new Int32Array(cap),
    from: new Int8Array(cap),
    to: new Int8Array(cap),
    at: new Float64Array(cap),
    cause: new Int16Array(cap),
    row: new Int32Array(withRows ? cap : 0),
    counts: new Int32Array(nR),
    lastAct: new Float64Array(nL),
  };
}

/**
 * The rules whose count matters (minCount > 1), and per current stage (bit cur + 1) the rules
 * that could move the customer at all: most rows then need no per-rule work.
 */
function ruleTables(R: CompiledStageRules): { countMask: number; fireMask: Uint32Array } {
  const { toRank, minCount, fromMask, allowDemotion } = R;
  const nR = toRank.length;
  let countMask = 0;
  for (let r = 0; r < nR; r++) if ((minCount[r] as number) > 1) countMask |= 1 << r;
  const nStages = 32;
  const fireMask = new Uint32Array(nStages);
  for (let cb = 0; cb < nStages; cb++) {
    let m = 0;
    for (let r = 0; r < nR; r++) {
      const to = toRank[r] as number;
      const cur = cb - 1;
      if ((((fromMask[r] as number) >>> cb) & 1) === 1 && (to > cur || (to < cur && allowDemotion[r] === 1))) m |= 1 << r;
    }
    fireMask[cb] = m >>> 0;
  }
  return { countMask, fireMask };
}

/**
 * The rule that fires among the candidates `fm` for a customer at rank `cur`: the highest
 * promotion whose count is reached, else the highest allowed demotion; −1 for none.
 */
function pickRule(fm: number, cur: number, countMask: number, counts: Int32Array, R: CompiledStageRules): number {
  const { toRank, minCount, allowDemotion } = R;
  let up = -1;
  let upRank = cur;
  let down = -1;
  let downRank = -1;
  for (let r = 0; fm >>> r !== 0; r++) {
    if (((fm >>> r) & 1) === 0) continue;
    if (((countMask >>> r) & 1) === 1 && (counts[r] as number) < (minCount[r] as number)) continue;
    const to = toRank[r] as number;
    if (to > upRank) {
      up = r;
      upRank = to;
    } else if (to < cur && allowDemotion[r] === 1 && to > downRank) {
      down = r;
      downRank = to;
    }
  }
  return up >= 0 ? up : down;
}

function output(S: State, stage: Int8Array, since: Float64Array): StageKernelOutput {
  const n = S.n;
  return {
    stage,
    since,
    tCustomer: S.customer.subarray(0, n),
    tFrom: S.from.subarray(0, n),
    tTo: S.to.subarray(0, n),
    tAt: S.at.subarray(0, n),
    tCause: S.cause.subarray(0, n),
    tRow: S.row.subarray(0, n),
  };
}

function push(S: State, c: number, to: number, at: number, cause: number, row: number): void {
  if (S.n === S.cap) grow(S);
  const n = S.n;
  S.customer[n] = c;
  S.from[n] = S.cur;
  S.to[n] = to;
  S.at[n] = at;
  S.cause[n] = cause;
  if (S.row.length > 0) S.row[n] = row;
  S.n = n + 1;
  if (to < S.cur) S.counts.fill(0); // a demoted customer re-earns later stages
  S.cur = to;
  S.since = at;
}

function grow(S: State): void {
  const cap = S.cap * 2;
  const g = <T extends Int32Array | Int8Array | Float64Array | Int16Array>(a: T, b: T): T => (b.set(a), b);
  S.customer = g(S.customer, new Int32Array(cap));
  S.from = g(S.from, new Int8Array(cap));
  S.to = g(S.to, new Int8Array(cap));
  S.at = g(S.at, new Float64Array(cap));
  S.cause = g(S.cause, new Int16Array(cap));
  if (S.row.length > 0) S.row = g(S.row, new Int32Array(cap));
  S.cap = cap;
}

/** Applies lapse rules until none fires before time t (each fires at its own lapse moment). */
function lapseUntil(S: State, R: CompiledStageRules, c: number, t: number): void {
  const nL = R.lapseTo.length;
  for (let guard = 0; guard <= nL; guard++) {
    let fired = false;
    for (let l = 0; l < nL; l++) {
      if ((((R.lapseFrom[l] as number) >>> (S.cur + 1)) & 1) === 0) continue;
      const la = S.lastAct[l] as number;
      const at = (la > S.since ? la : S.since) + (R.lapseAfter[l] as number);
      if (t > at) {
        push(S, c, R.lapseTo[l] as number, at, -l - 1, -1);
        fired = true;
        break;
      }
    }
    if (!fired) return;
  }
}
