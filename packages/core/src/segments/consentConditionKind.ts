import type { ConditionKind } from "./ConditionKind.js";
import type { Profile } from "./Profile.js";
import { ConsentCondition, type SegmentConditionOf } from "./SegmentDefinition.js";

type ConsentNode = SegmentConditionOf<"consent">;

/**
 * The flag a consent node reads: `purpose:channel` when a channel is given and
 * the profile has that key, else the purpose-wide `purpose` — as consent's
 * `isAllowed` decides (with no entry on the channel the purpose-wide entry
 * alone decides), so a channel outside the loader's list is not read as
 * "not granted" when a purpose-wide grant exists. Absent: not granted.
 */
function flagOf(node: ConsentNode, p: Profile): boolean | undefined {
  const c = p.consent;
  if (c === undefined) return undefined;
  if (node.channel !== undefined) {
    const narrow = c[`${node.purpose}:${node.channel}`];
    if (narrow !== undefined) return narrow;
  }
  return c[node.purpose];
}

/**
 * The consent condition, shipped as a registered {@link ConditionKind}: it
 * reads `profile.consent["purpose:channel"]` when a channel is given, falling
 * back to the purpose-wide `profile.consent["purpose"]` when the profile has
 * no flag for that channel (as `isAllowed` does), and compares it with
 * `granted` (absent consent is not granted). Its next change is the first of
 * `profile.consentChangesAt` after now (an expiring or future-dated grant), so
 * a membership is re-checked when consent changes by itself.
 *
 * @category Segments
 * @example
 * const p = consentConditionKind.compile({ type: "consent", purpose: "marketing", channel: "email", granted: true });
 * p({ id: "c1", traits: {}, interactions: {}, consent: { "marketing:email": true } }, 0) // => true
 * p({ id: "c2", traits: {}, interactions: {}, consent: { marketing: true } }, 0) // => true (purpose-wide)
 */
export const consentConditionKind: ConditionKind<ConsentNode> = {
  type: "consent",
  schemas: [ConsentCondition],
  compile: (node) => {
    const granted = node.granted;
    return (p) => (flagOf(node, p) === true) === granted;
  },
  nextChange: () => (p, now) => {
    let next = Infinity;
    for (const t of p.consentChangesAt ?? []) if (t > now && t < next) next = t;
    return next;
  },
  observe: (node, p) => flagOf(node, p) ?? null,
  dependencies: (node) => [`consent:${node.purpose}`],
};
