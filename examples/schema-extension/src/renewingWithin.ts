import { defineConditionKind } from "@engagekit/graphql";

const DAY = 86_400_000;

/** The profile trait the plugin adds (see subscriptionsPlugin's profileTraits): renewal time, epoch ms. */
export const RENEWS_AT = "subscriptions.renewsAt";
export const PLAN = "subscriptions.plan";

/** Parameters of `subscription_renewing_within`. */
export interface RenewingWithinParams {
  /** Window length in days (> 0, ≤ 3650). */
  readonly days: number;
  /** Only subscriptions on this plan (default: any plan). */
  readonly plan?: string;
}

/**
 * `{ type: "subscription_renewing_within", days: 30 }`: the customer's
 * subscription renews in (now, now + days] (the core's `withinNext` window);
 * false without a subscription. Time-dependent: it turns true at
 * renewsAt − days and false again at renewsAt, which nextChange tells the
 * membership engine (customers are re-checked then, without any event).
 */
export const renewingWithin = defineConditionKind<RenewingWithinParams>()({
  type: "subscription_renewing_within",
  description: "The customer's subscription renews within the next `days` days (optionally on `plan`).",
  params: {
    properties: {
      days: { type: "number", exclusiveMinimum: 0, maximum: 3650, description: "Window length in days" },
      plan: { type: "string", minLength: 1, maxLength: 64 },
    },
    required: ["days"],
  },
  compile: ({ days, plan }) => {
    const window = days * DAY;
    return (p, now) => {
      const at = p.traits[RENEWS_AT];
      if (typeof at !== "number") return false;
      if (plan !== undefined && p.traits[PLAN] !== plan) return false;
      return now < at && at <= now + window;
    };
  },
  nextChange: ({ days }) => (p, now) => {
    const at = p.traits[RENEWS_AT];
    if (typeof at !== "number" || at <= now) return Infinity;
    return at - days * DAY > now ? at - days * DAY : at;
  },
  observe: (_params, p) => ({ renewsAt: p.traits[RENEWS_AT] ?? null, plan: p.traits[PLAN] ?? null }),
  dependencies: () => [`trait:${RENEWS_AT}`, `trait:${PLAN}`],
});
