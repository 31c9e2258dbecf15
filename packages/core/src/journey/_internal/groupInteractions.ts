import type { Interaction } from "../Interaction.js";

/** Interactions grouped per customer key: `order[r]` is the input index of grouped row r. */
export interface GroupedInteractions {
  readonly keys: readonly string[];
  readonly order: readonly number[];
  readonly starts: Int32Array;
  readonly ts: Float64Array;
}

/** Groups by customer key (first-appearance order), time order inside a customer, ties in input order. O(n log n). */
export function groupInteractions(interactions: readonly Interaction[], keyOf: (i: Interaction) => string): GroupedInteractions {
  const n = interactions.length;
  const codes = new Map<string, number>();
  const keys: string[] = [];
  const cust = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(interactions[i] as Interaction);
    let c = codes.get(key);
    if (c === undefined) {
      c = keys.length;
      codes.set(key, c);
      keys.push(key);
    }
    cust[i] = c;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (cust[a] as number) - (cust[b] as number) || (interactions[a] as Interaction).timestamp - (interactions[b] as Interaction).timestamp || a - b);
  const starts = new Int32Array(keys.length + 1);
  const ts = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    ts[r] = (interactions[i] as Interaction).timestamp;
    starts[(cust[i] as number) + 1] = (starts[(cust[i] as number) + 1] as number) + 1;
  }
  for (let c = 0; c < keys.length; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  return { keys, order, starts, ts };
}
