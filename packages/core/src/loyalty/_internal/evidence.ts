import type { SegmentExplanation } from "../../segments/explainSegment.js";

/**
 * The evidence of a verdict in a few words: the leaves whose verdict equals the
 * root's (what made it match, or what failed), each as its condition and the
 * value it saw. At most `limit` leaves, depth-first in definition order.
 */
export function evidenceOf(e: SegmentExplanation, limit = 3): string {
  const want = e.matched;
  const out: string[] = [];
  const stack: SegmentExplanation[] = [e];
  while (stack.length > 0 && out.length < limit) {
    const n = stack.shift() as SegmentExplanation;
    if (n.condition !== undefined && n.children === undefined) {
      if (n.matched === want) out.push(`${JSON.stringify(n.condition)} saw ${JSON.stringify(n.seen ?? null)}`);
      continue;
    }
    if (n.children !== undefined) stack.unshift(...n.children);
  }
  return out.length === 0 ? (want ? "criteria matched" : "criteria not matched") : out.join("; ");
}
