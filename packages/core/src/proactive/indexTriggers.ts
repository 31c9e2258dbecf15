import type { Trigger } from "./Trigger.js";

/**
 * Triggers indexed by what can make them fire, so a batch evaluation looks
 * only at triggers whose condition can match a customer's facts: by
 * interaction type, by segment (entered / exited), by trait (date-relative),
 * by metric (thresholds), plus the P(alive) list. Paused triggers are left
 * out. Each list is ordered by priority (highest first), then id.
 */
export interface TriggerIndex {
  readonly byInteractionType: ReadonlyMap<string, readonly Trigger[]>;
  readonly bySegmentEntered: ReadonlyMap<string, readonly Trigger[]>;
  readonly bySegmentExited: ReadonlyMap<string, readonly Trigger[]>;
  readonly byDateTrait: ReadonlyMap<string, readonly Trigger[]>;
  readonly byMetric: ReadonlyMap<string, readonly Trigger[]>;
  readonly pAliveDrop: readonly Trigger[];
  /** How many active (unpaused) triggers the index holds. */
  readonly size: number;
}

/**
 * Builds the {@link TriggerIndex} of {@link evaluateTriggers} once, to reuse
 * across runs (or pass the triggers and it is built per call). Validate the
 * triggers first with {@link validateTriggers}; the index trusts them.
 *
 * Complexity: O(t log t) for t triggers.
 *
 * @category Proactive
 * @example
 * const index = indexTriggers([{ id: "t", condition: { kind: "interaction", interactionType: "purchase" }, action: { type: "offer", offerId: "o", channel: "email" }, priority: 1, holdoutShare: 0 }]);
 * index.byInteractionType.get("purchase")?.length // => 1
 */
export function indexTriggers(triggers: readonly Trigger[]): TriggerIndex {
  const interaction = new Map<string, Trigger[]>();
  const entered = new Map<string, Trigger[]>();
  const exited = new Map<string, Trigger[]>();
  const date = new Map<string, Trigger[]>();
  const metric = new Map<string, Trigger[]>();
  const pAlive: Trigger[] = [];
  const add = (m: Map<string, Trigger[]>, k: string, t: Trigger) => {
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  };
  let size = 0;
  for (const t of triggers) {
    if (t.paused === true) continue;
    size++;
    const c = t.condition;
    switch (c.kind) {
      case "interaction":
        add(interaction, c.interactionType, t);
        break;
      case "segmentEntered":
        add(entered, c.segment, t);
        break;
      case "segmentExited":
        add(exited, c.segment, t);
        break;
      case "dateRelative":
        add(date, c.trait, t);
        break;
      case "metricThreshold":
        add(metric, c.metric, t);
        break;
      case "pAliveDrop":
        pAlive.push(t);
        break;
    }
  }
  const order = (a: Trigger, b: Trigger) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const m of [interaction, entered, exited, date, metric]) for (const list of m.values()) list.sort(order);
  pAlive.sort(order);
  return { byInteractionType: interaction, bySegmentEntered: entered, bySegmentExited: exited, byDateTrait: date, byMetric: metric, pAliveDrop: pAlive, size };
}
