import { historyWindowOf, type HistoryWindows } from "@engagekit/core";

/**
 * One activity type of a customer's saved state: the whole history's count,
 * first and last time, and the ascending times inside the type's window
 * (older ones dropped: no condition reads them). The shape of the core's
 * InteractionHistory, so a profile uses it as it is.
 */
export interface TypeHistory {
  readonly count: number;
  readonly first: number;
  readonly last: number;
  readonly times: readonly number[];
}

/** {@link HistoryWindows} as JSON: ms per type, null for unbounded. */
export interface KeptWindows {
  readonly any: number | null;
  readonly byType: Readonly<Record<string, number | null>>;
}

const toJson = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);
const fromJson = (ms: number | null | undefined): number => (ms === null ? Infinity : (ms ?? 0));

/**
 * The windows a document records it kept, for the activity types it holds
 * (`types`: its history's). A type the document does not hold has never
 * occurred for the customer, so its times are complete for any window:
 * recording the window of every type a condition reads in every document
 * made `kept` the largest part of each saved state.
 */
export function keptWindows(windows: KeptWindows, types: Iterable<string>): KeptWindows {
  const byType: Record<string, number | null> = {};
  for (const type of types) {
    const ms = windows.byType[type];
    if (ms !== undefined) byType[type] = ms;
  }
  return { any: windows.any, byType };
}

/** {@link HistoryWindows} as JSON (types with no window left out). */
export function windowsJson(windows: HistoryWindows): KeptWindows {
  const byType: Record<string, number | null> = {};
  for (const [type, ms] of windows.byType) if (ms > 0) byType[type] = toJson(ms);
  return { any: toJson(windows.any), byType };
}

/**
 * Whether a document's kept windows cover `needed` (as the core's
 * coversHistoryWindows, read straight from the JSON: it runs per customer
 * per batch). Types missing from the document's `history` never occurred:
 * covered whatever their window.
 */
export function keptCovers(kept: KeptWindows, history: Readonly<Record<string, TypeHistory>>, needed: HistoryWindows): boolean {
  const any = fromJson(kept.any);
  if (needed.any > any && Object.keys(history).length > 0) return false;
  for (const [type, ms] of needed.byType) if (history[type] !== undefined && ms > Math.max(fromJson(kept.byType[type]), any)) return false;
  return true;
}

/** The times after `now − window` (all when the window is unbounded). */
function inWindow(times: readonly number[], window: number, now: number): readonly number[] {
  if (window === Infinity) return times;
  const cutoff = now - window;
  let i = 0;
  while (i < times.length && (times[i] as number) <= cutoff) i++;
  return i === 0 ? times : times.slice(i);
}

/**
 * `history` with the added activity times by type folded in: counts added,
 * first and last widened, times merged in order, and every type's times cut
 * to its window as of `now` (kept types without additions are cut too, so a
 * narrowed window shrinks the document). Returns a new record; `history` is
 * not changed.
 */
export function foldHistory(
  history: Readonly<Record<string, TypeHistory>>,
  added: ReadonlyMap<string, readonly number[]> | undefined,
  windows: HistoryWindows,
  now: number,
): Record<string, TypeHistory> {
  const out: Record<string, TypeHistory> = {};
  for (const type in history) {
    const h = history[type] as TypeHistory;
    const times = inWindow(h.times, historyWindowOf(windows, type), now);
    out[type] = times === h.times ? h : { count: h.count, first: h.first, last: h.last, times };
  }
  for (const [type, list] of added ?? []) {
    if (list.length === 0) continue;
    const sorted = list.length > 1 ? [...list].sort((a, b) => a - b) : list;
    const lo = sorted[0] as number;
    const hi = sorted[sorted.length - 1] as number;
    const h = out[type];
    const window = historyWindowOf(windows, type);
    const fresh = inWindow(sorted, window, now);
    if (!h) {
      out[type] = { count: sorted.length, first: lo, last: hi, times: fresh === sorted ? [...fresh] : fresh };
      continue;
    }
    let times: readonly number[] = h.times;
    if (fresh.length > 0) {
      const tail = times[times.length - 1];
      times = tail === undefined || (fresh[0] as number) >= tail ? [...times, ...fresh] : [...times, ...fresh].sort((a, b) => a - b);
    }
    out[type] = { count: h.count + sorted.length, first: Math.min(h.first, lo), last: Math.max(h.last, hi), times };
  }
  return out;
}
