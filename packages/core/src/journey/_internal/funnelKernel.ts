import type { FunnelMode } from "../FunnelDefinition.js";

/** Rows grouped in customer blocks `[starts[c], starts[c + 1])`, ascending time inside a block. */
export interface FunnelKernelInput {
  readonly starts: Int32Array;
  readonly ts: Float64Array;
  /** Bit k set when the row matches step k. */
  readonly mask: Uint32Array;
  /** Bit j set when the row matches exclusion j. */
  readonly excl: Uint32Array;
  readonly steps: number;
  readonly windowMs: number;
  readonly mode: FunnelMode;
  /** Per exclusion j: [from, to) range of states it clears (0-based step indices). */
  readonly exclFrom: Int32Array;
  readonly exclTo: Int32Array;
}

export interface FunnelKernelOutput {
  /** Furthest step reached per customer (0 = not entered). */
  readonly level: Uint8Array;
  /** reach[c·K + k]: ms from the attempt's start to the first time step k was reached. */
  readonly reach: Float64Array;
  /** Row at which the customer first reached its furthest step (−1 if none). */
  readonly levelRow: Int32Array;
}

/**
 * Per-customer funnel progress. Ordered and strict modes keep, for each step
 * k, the latest start time among attempts that have reached step k: a later
 * start dominates an earlier one (it leaves more of the window), so one pass
 * finds the furthest reachable step (the windowFunnel idea of ClickHouse).
 * Unordered mode slides a window per prefix of steps.
 */
export function funnelKernel(inp: FunnelKernelInput): FunnelKernelOutput {
  const C = inp.starts.length - 1;
  const K = inp.steps;
  const level = new Uint8Array(C);
  const reach = new Float64Array(C * K);
  const levelRow = new Int32Array(C).fill(-1);
  if (inp.mode === "unordered") unordered(inp, level, reach, levelRow);
  else ordered(inp, inp.mode === "strict", level, reach, levelRow);
  return { level, reach, levelRow };
}

function ordered(inp: FunnelKernelInput, strict: boolean, level: Uint8Array, reach: Float64Array, levelRow: Int32Array): void {
  const { starts, ts, mask, excl, windowMs: W, exclFrom, exclTo } = inp;
  const K = inp.steps;
  const C = starts.length - 1;
  const state = new Float64Array(K);
  for (let c = 0; c < C; c++) {
    const s = starts[c] as number;
    const e = starts[c + 1] as number;
    state.fill(Number.NaN);
    let lvl = 0;
    const base = c * K;
    for (let i = s; i < e; i++) {
      const t = ts[i] as number;
      const m = mask[i] as number;
      const x = excl[i] as number;
      if (x !== 0) {
        for (let j = 0; x >>> j !== 0; j++) {
          if (((x >>> j) & 1) === 0) continue;
          for (let k = exclFrom[j] as number; k < (exclTo[j] as number); k++) state[k] = Number.NaN;
        }
      }
      if (m === 0 && !strict) continue;
      for (let k = K - 1; k >= 1; k--) {
        const prev = state[k - 1] as number;
        if (((m >>> k) & 1) === 1 && t - prev <= W) {
          // NaN fails the comparison above, so prev is a live attempt here.
          state[k] = prev;
          if (k + 1 > lvl) {
            lvl = k + 1;
            reach[base + k] = t - prev;
            levelRow[c] = i;
          }
        } else if (strict) state[k] = Number.NaN;
      }
      if ((m & 1) === 1) {
        state[0] = t;
        if (lvl === 0) {
          lvl = 1;
          levelRow[c] = i;
        }
      } else if (strict) state[0] = Number.NaN;
    }
    level[c] = lvl;
  }
}

function unordered(inp: FunnelKernelInput, level: Uint8Array, reach: Float64Array, levelRow: Int32Array): void {
  const { starts, ts, mask, excl, windowMs: W } = inp;
  const K = inp.steps;
  const C = starts.length - 1;
  const counts = new Int32Array(K);
  for (let c = 0; c < C; c++) {
    const s = starts[c] as number;
    const e = starts[c + 1] as number;
    let lvl = 0;
    for (let L = 1; L <= K; L++) {
      const need = L === 32 ? 0xffffffff : (1 << L) - 1;
      counts.fill(0);
      let covered = 0;
      let l = s;
      let found = -1;
      for (let r = s; r < e; r++) {
        if ((excl[r] as number) !== 0) {
          counts.fill(0);
          covered = 0;
          l = r + 1;
          continue;
        }
        const m = (mask[r] as number) & need;
        for (let j = 0; m >>> j !== 0; j++) if (((m >>> j) & 1) === 1 && (counts[j] = (counts[j] as number) + 1) === 1) covered++;
        while (l < r) {
          const ml = (mask[l] as number) & need;
          let removable = covered === L;
          if (removable) for (let j = 0; ml >>> j !== 0; j++) if (((ml >>> j) & 1) === 1 && (counts[j] as number) < 2) removable = false;
          if (!removable && (ts[r] as number) - (ts[l] as number) <= W) break;
          for (let j = 0; ml >>> j !== 0; j++) if (((ml >>> j) & 1) === 1 && (counts[j] = (counts[j] as number) - 1) === 0) covered--;
          l++;
        }
        if (covered === L && (ts[r] as number) - (ts[l] as number) <= W) {
          found = r;
          reach[c * K + L - 1] = (ts[r] as number) - (ts[l] as number);
          break;
        }
      }
      if (found < 0) break;
      lvl = L;
      levelRow[c] = found;
    }
    level[c] = lvl;
  }
}
