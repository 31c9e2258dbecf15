import { wilsonInterval } from "../../stats/wilsonInterval.js";
import type { FunnelDefinition } from "../FunnelDefinition.js";
import type { FunnelBreakdownGroup, FunnelResult, FunnelStepResult, DurationSummary } from "../FunnelResult.js";
import type { FunnelKernelOutput } from "./funnelKernel.js";
import { summarizeDurations } from "./summarizeDurations.js";

/** Aggregates per-customer kernel output into a {@link FunnelResult}, with optional groups (key per customer, null = not grouped). */
export function buildFunnelResult(
  def: FunnelDefinition,
  mode: FunnelResult["mode"],
  out: FunnelKernelOutput,
  confidence: number,
  groupOf: ((c: number) => string) | null,
): FunnelResult {
  const C = out.level.length;
  const all = summarize(def, out, confidence, null);
  const base: FunnelResult = { mode, windowMs: def.windowMs, customers: C, ...all };
  if (groupOf === null) return base;
  const groups = new Map<string, number[]>();
  for (let c = 0; c < C; c++) {
    if (out.level[c] === 0) continue;
    const key = groupOf(c);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(c);
  }
  const breakdown: FunnelBreakdownGroup[] = [];
  for (const [key, members] of groups) breakdown.push({ key, ...summarize(def, out, confidence, members) });
  breakdown.sort((a, b) => b.entered - a.entered || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...base, breakdown };
}

function summarize(
  def: FunnelDefinition,
  out: FunnelKernelOutput,
  confidence: number,
  members: readonly number[] | null,
): { entered: number; steps: FunnelStepResult[]; timeToConvert: DurationSummary | null } {
  const K = def.steps.length;
  const { level, reach } = out;
  const n = members === null ? level.length : members.length;
  const counts = new Float64Array(K);
  const times: Float64Array[] = [];
  for (let k = 0; k < K; k++) times.push(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const c = members === null ? i : (members[i] as number);
    const l = level[c] as number;
    for (let k = 0; k < l; k++) {
      const t = times[k] as Float64Array;
      t[counts[k] as number] = reach[c * K + k] as number;
      counts[k] = (counts[k] as number) + 1;
    }
  }
  const entered = counts[0] as number;
  const steps: FunnelStepResult[] = def.steps.map((s, k) => {
    const count = counts[k] as number;
    const prev = k === 0 ? count : (counts[k - 1] as number);
    const fromPrev = prev > 0 ? count / prev : null;
    return {
      id: s.id,
      name: s.name ?? s.id,
      count,
      conversionFromPrevious: fromPrev,
      conversionFromPreviousInterval: prev > 0 ? wilsonInterval(count, prev, confidence) : null,
      conversionFromStart: entered > 0 ? count / entered : null,
      conversionFromStartInterval: entered > 0 ? wilsonInterval(count, entered, confidence) : null,
      dropOff: prev - count,
      dropOffRate: fromPrev === null ? null : 1 - fromPrev,
      timeFromStart: summarizeDurations(times[k] as Float64Array, count),
    };
  });
  const last = steps[K - 1] as FunnelStepResult;
  return { entered, steps, timeToConvert: last.timeFromStart };
}
