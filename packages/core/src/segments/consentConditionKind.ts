import type { ConditionKind } from "./ConditionKind.js";
import { ConsentCondition, type SegmentConditionOf } from "./SegmentDefinition.js";

type ConsentNode = SegmentConditionOf<"consent">;

/**
 * The consent condition, shipped as a registered {@link ConditionKind} so the
 * consent model can replace it once consent exists in the core: it reads
 * `profile.consent["purpose"]`, or `profile.consent["purpose:channel"]` when a
 * channel is given, and compares it with `granted` (absent consent is not granted).
 *
 * @category Segments
 * @example
 * const p = consentConditionKind.compile({ type: "consent", purpose: "marketing", channel: "email", granted: true });
 * p({ id: "c1", traits: {}, interactions: {}, consent: { "marketing:email": true } }, 0) // => true
 */
export const consentConditionKind: ConditionKind<ConsentNode> = {
  type: "consent",
  schemas: [ConsentCondition],
  compile: (node) => {
    const key = node.channel === undefined ? node.purpose : `${node.purpose}:${node.channel}`;
    const granted = node.granted;
    return (p) => (p.consent?.[key] === true) === granted;
  },
  observe: (node, p) => p.consent?.[node.channel === undefined ? node.purpose : `${node.purpose}:${node.channel}`] ?? null,
  dependencies: (node) => [`consent:${node.purpose}`],
};
