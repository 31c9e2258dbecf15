import type { EngagementModel } from "@engagekit/core";

/**
 * The plugin's engagement model: a renewal desk that calls subscribers
 * before their plan renews (the `subscription_renewing_within` condition
 * finds them). Offered in every workspace beside the core's catalog.
 */
export const renewalDesk: EngagementModel = {
  id: "renewal_desk",
  version: 1,
  name: "Renewal desk",
  kind: "custom",
  touchLevel: "high",
  automationLevel: "assisted",
  channels: ["phone", "email"],
  cadence: { period: "month", target: 1, cap: 2 },
  ownerRole: "account_manager",
  valueProposition: "A call a fortnight before the plan renews, and a written summary of what the year brought.",
  bestFor: { markets: ["B2B", "B2C"], dealSize: "high", volume: "low", notes: "Annual plans above the median price." },
  kpis: ["retentionRate"],
  feedback: ["nps"],
  playbook: [
    { stage: "retention", touchpoints: ["onboarding_call", "newsletter"], channels: ["phone", "email"], actions: ["renewal call", "year-in-review email"] },
  ],
  cost: { period: "month", perCustomer: 8 },
};
