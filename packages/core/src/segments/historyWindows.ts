import type { ConditionRegistry } from "./ConditionRegistry.js";
import type { SegmentCondition, SegmentDefinition } from "./SegmentDefinition.js";

/**
 * How far back conditions read the `times` of each interaction type (ms), so
 * a store of profiles can keep only those: per type the longest window any
 * windowed condition uses, `Infinity` when some condition's window is
 * unknown (a registered kind that does not declare its windows), and `any`,
 * a window every type needs (a kind depending on `*`). A type absent from
 * `byType` needs no times beyond `any` (count, first and last suffice).
 *
 * @category Segments
 */
export interface HistoryWindows {
  readonly byType: ReadonlyMap<string, number>;
  readonly any: number;
}

/** No times needed. */
export const NO_HISTORY_WINDOWS: HistoryWindows = { byType: new Map(), any: 0 };

/**
 * The window (ms) of `type`'s times that conditions read: times older than
 * `now − window` can be dropped from a profile without changing any
 * evaluation at `now` or later.
 *
 * @category Segments
 * @example
 * historyWindowOf({ byType: new Map([["purchase", 864e5]]), any: 0 }, "purchase") // => 86400000
 */
export function historyWindowOf(windows: HistoryWindows, type: string): number {
  return Math.max(windows.byType.get(type) ?? 0, windows.any);
}

/**
 * The larger of two windows for every type.
 *
 * @category Segments
 * @example
 * historyWindowOf(mergeHistoryWindows({ byType: new Map([["a", 1]]), any: 0 }, { byType: new Map([["a", 5]]), any: 2 }), "b") // => 2
 */
export function mergeHistoryWindows(a: HistoryWindows, b: HistoryWindows): HistoryWindows {
  const byType = new Map(a.byType);
  for (const [type, ms] of b.byType) byType.set(type, Math.max(byType.get(type) ?? 0, ms));
  return { byType, any: Math.max(a.any, b.any) };
}

/** Whether `kept` covers `needed`: every type's window in `needed` is at most its window in `kept`. */
export function coversHistoryWindows(kept: HistoryWindows, needed: HistoryWindows): boolean {
  if (needed.any > kept.any) return false;
  for (const [type, ms] of needed.byType) if (ms > historyWindowOf(kept, type)) return false;
  return true;
}

/**
 * The {@link HistoryWindows} of some conditions, following `inSegment`
 * references through `segments`. Each leaf kind reports the windows it reads
 * (`ConditionKind.historyWindows`); a kind that does not is assumed to read
 * all the times of every interaction type it depends on (`Infinity`), or of
 * every type when it depends on `*`. Unknown kinds and references add
 * nothing (compiling such a condition fails anyway).
 */
export function conditionHistoryWindows(conditions: readonly SegmentCondition[], registry: ConditionRegistry, segments: readonly SegmentDefinition[] = []): HistoryWindows {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const byType = new Map<string, number>();
  let any = 0;
  const widen = (type: string, ms: number) => byType.set(type, Math.max(byType.get(type) ?? 0, ms));
  const visited = new Set<string>();
  const stack: SegmentCondition[] = [...conditions];
  while (stack.length > 0) {
    const node = stack.pop() as SegmentCondition;
    switch (node.type) {
      case "all":
      case "any":
        stack.push(...node.conditions);
        break;
      case "not":
        stack.push(node.condition);
        break;
      case "inSegment": {
        const target = byId.get(node.segmentId);
        if (target && !visited.has(target.id)) {
          visited.add(target.id);
          stack.push(target.condition);
        }
        break;
      }
      default: {
        const kind = registry.kinds.get(node.type);
        if (!kind) break;
        if (kind.historyWindows) {
          for (const [type, ms] of kind.historyWindows(node)) widen(type, ms);
          break;
        }
        for (const key of kind.dependencies(node)) {
          if (key === "*") any = Infinity;
          else if (key.startsWith("interaction:")) widen(key.slice(12), Infinity);
        }
      }
    }
  }
  return { byType, any };
}
