import type { Interaction } from "../Interaction.js";

/** Interactions grouped per customer key (first-appearance order), each in time order, ties in input order. */
export function customerSequences(interactions: readonly Interaction[], keyOf: (i: Interaction) => string): Map<string, Interaction[]> {
  const groups = new Map<string, { it: Interaction; i: number }[]>();
  interactions.forEach((it, i) => {
    const key = keyOf(it);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push({ it, i });
  });
  const out = new Map<string, Interaction[]>();
  for (const [key, g] of groups) out.set(key, g.sort((a, b) => a.it.timestamp - b.it.timestamp || a.i - b.i).map((x) => x.it));
  return out;
}

/** Touchpoint ids of a sequence, consecutive repeats collapsed when asked. */
export function touchpointPath(seq: readonly Interaction[], collapse: boolean): string[] {
  const out: string[] = [];
  for (const it of seq) if (!collapse || out[out.length - 1] !== it.touchpoint) out.push(it.touchpoint);
  return out;
}
