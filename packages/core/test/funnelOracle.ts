// A deliberately naive funnel, written from the definitions in FunnelDefinition.ts
// without the latest-start dynamic programme: every step-1 event starts an attempt
// that is walked greedily (ordered/strict) or every window is enumerated (unordered).
// O(n²) per customer; used as the test oracle only.
import { quantileSorted } from "../src/stats/quantile.js";

export interface OracleEvent {
  readonly customer: string;
  readonly ts: number;
  readonly steps: readonly boolean[];
  readonly excluded: readonly boolean[];
}

export interface OracleResult {
  readonly counts: number[];
  readonly times: ({ n: number; median: number; p90: number } | null)[];
  readonly perCustomer: Map<string, number>;
}

export function oracleFunnel(
  events: readonly OracleEvent[],
  K: number,
  windowMs: number,
  mode: "ordered" | "strict" | "unordered",
  between: readonly (readonly [number, number])[] = [],
): OracleResult {
  const byCustomer = new Map<string, OracleEvent[]>();
  for (const e of events) {
    const list = byCustomer.get(e.customer) ?? [];
    list.push(e);
    byCustomer.set(e.customer, list);
  }
  const counts = new Array<number>(K).fill(0);
  const durations: number[][] = Array.from({ length: K }, () => []);
  const perCustomer = new Map<string, number>();
  for (const [customer, raw] of byCustomer) {
    const ev = raw.map((e, i) => ({ e, i })).sort((a, b) => a.e.ts - b.e.ts || a.i - b.i).map((x) => x.e);
    // best[L-1] = [event index where level L is first reached, duration]
    const best: ([number, number] | null)[] = new Array(K).fill(null);
    const offer = (L: number, at: number, dur: number): void => {
      const cur = best[L - 1];
      if (cur === null || cur === undefined || at < cur[0] || (at === cur[0] && dur < cur[1])) best[L - 1] = [at, dur];
    };
    if (mode === "unordered") {
      for (let L = 1; L <= K; L++) {
        outer: for (let r = 0; r < ev.length; r++) {
          const have = new Array<boolean>(L).fill(false);
          for (let l = r; l >= 0; l--) {
            const el = ev[l]!;
            if (el.excluded.some(Boolean)) break;
            for (let j = 0; j < L; j++) if (el.steps[j]) have[j] = true;
            if (have.every(Boolean)) {
              if (ev[r]!.ts - el.ts <= windowMs) {
                offer(L, r, ev[r]!.ts - el.ts);
                break outer;
              }
              break;
            }
          }
        }
      }
    } else {
      for (let s = 0; s < ev.length; s++) {
        if (!ev[s]!.steps[0]) continue;
        const t0 = ev[s]!.ts;
        offer(1, s, 0);
        let cur = s;
        for (let k = 1; k < K; k++) {
          // k-1 = last matched step; look for step k after cur
          let next = -1;
          for (let j = cur + 1; j < ev.length; j++) {
            const ej = ev[j]!;
            const killed = ej.excluded.some((x, q) => x && between[q]![0] <= k - 1 && k - 1 < between[q]![1]);
            if (killed) break;
            if (ej.steps[k] && ej.ts - t0 <= windowMs) {
              next = j;
              break;
            }
            if (mode === "strict") break;
          }
          if (next < 0) break;
          offer(k + 1, next, ev[next]!.ts - t0);
          cur = next;
        }
      }
    }
    let level = 0;
    for (let L = 1; L <= K; L++) {
      const b = best[L - 1];
      if (b === null || b === undefined) break;
      level = L;
      counts[L - 1]!++;
      durations[L - 1]!.push(b[1]);
    }
    perCustomer.set(customer, level);
  }
  const times = durations.map((d) => {
    if (d.length === 0) return null;
    const s = [...d].sort((a, b) => a - b);
    return { n: s.length, median: quantileSorted(s, 0.5), p90: quantileSorted(s, 0.9) };
  });
  return { counts, times, perCustomer };
}
