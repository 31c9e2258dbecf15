import type { StageRules } from "./StageRules.js";

const DAY = 86_400_000;

/**
 * Stage rules for the five {@link defaultJourneyStages} of a retail-style
 * journey: any interaction → awareness; product view, add to cart or email
 * click → consideration; first purchase → conversion; second purchase →
 * retention; a review or referral after buying → advocacy. A customer in
 * retention or advocacy with no purchase for 90 days lapses back to
 * consideration, and a converted customer with no further purchase for 180
 * days likewise. The windows follow the common "active customer" cut-offs of
 * e-commerce retention reporting; tune them per business.
 *
 * @category Journey
 * @example
 * defaultStageRules.rules.map((r) => r.to) // => ["awareness", "consideration", "conversion", "retention", "advocacy"]
 */
export const defaultStageRules: StageRules = Object.freeze({
  stages: ["awareness", "consideration", "conversion", "retention", "advocacy"],
  rules: [
    { to: "awareness", when: {}, reason: "first interaction" },
    { to: "consideration", when: { type: ["product_view", "add_to_cart", "email_click"] }, reason: "showed purchase intent" },
    { to: "conversion", when: { type: "purchase" }, reason: "first purchase" },
    { to: "retention", when: { type: "purchase" }, minCount: 2, reason: "repeat purchase" },
    { to: "advocacy", when: { type: ["review_posted", "referral_sent"] }, from: ["conversion", "retention"], reason: "review or referral after buying" },
  ],
  lapse: [
    { from: ["retention", "advocacy"], to: "consideration", afterMs: 90 * DAY, activity: { type: "purchase" }, reason: "lapsed: no purchase for 90 days" },
    { from: ["conversion"], to: "consideration", afterMs: 180 * DAY, activity: { type: "purchase" }, reason: "lapsed: no repeat purchase within 180 days" },
  ],
});
