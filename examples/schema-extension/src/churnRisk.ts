import { ArgsType, Field, Float } from "type-graphql";
import { compileSegment, wilsonInterval, type SegmentDefinition } from "@engagekit/core";
import { defineMetric, IntervalType, loadProfiles, type Context } from "@engagekit/graphql";
import { ChurnRiskType } from "./Subscription.type.js";
import { allSubscriptions } from "./subscriptionService.js";

@ArgsType()
export class ChurnRiskArgs {
  @Field(() => Float, { defaultValue: 30, description: "Renewal window in days." })
  days!: number;

  @Field(() => Float, { defaultValue: 90, description: "A customer with no purchase in this many days is at risk." })
  inactiveDays!: number;
}

/** The at-risk definition, in the core's condition language with the plugin's kind. */
export function atRiskDefinition(days: number, inactiveDays: number): { renewing: SegmentDefinition; atRisk: SegmentDefinition } {
  const renewing = { type: "subscription_renewing_within", days } as unknown as SegmentDefinition["condition"];
  return {
    renewing: { id: "renewing", condition: renewing },
    atRisk: {
      id: "at-risk",
      condition: { type: "all", conditions: [renewing, { type: "not", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1, withinDays: inactiveDays } }] },
    },
  };
}

/**
 * `metrics { churnRisk(days: 30, inactiveDays: 90) { renewing atRisk share interval { lower upper } } }`:
 * of the subscriptions renewing within `days`, the share whose customer made
 * no purchase in the last `inactiveDays` — both sets are the core's compiled
 * segments (the plugin's `subscription_renewing_within` kind) on the
 * subscribed customers' profiles; the interval is the core's Wilson interval.
 */
export const churnRisk = defineMetric<ChurnRiskType, ChurnRiskArgs>({
  name: "churnRisk",
  description: "Share of subscriptions renewing within `days` whose customer made no purchase in `inactiveDays` (schema-extension plugin).",
  type: () => ChurnRiskType,
  args: ChurnRiskArgs,
  async resolve(ctx: Context, { days, inactiveDays }) {
    const registry = ctx.scope.plugins?.registry;
    const options = registry ? { registry } : {};
    const { renewing, atRisk } = atRiskDefinition(days, inactiveDays);
    // compileSegment validates: a bad window is an InputError, BAD_USER_INPUT over GraphQL.
    const isRenewing = compileSegment(renewing, options);
    const isAtRisk = compileSegment(atRisk, options);
    const subscribed = (await allSubscriptions(ctx.scope)).map((s) => s.customerId);
    const now = ctx.loaders.requestTime;
    let n = 0;
    let k = 0;
    for (const profile of (await loadProfiles(ctx.scope, subscribed, now)).values()) {
      if (isRenewing(profile, now)) n++;
      if (isAtRisk(profile, now)) k++;
    }
    return Object.assign(new ChurnRiskType(), {
      renewing: n,
      atRisk: k,
      share: n === 0 ? null : k / n,
      interval: n === 0 ? null : IntervalType.from(wilsonInterval(k, n)),
    });
  },
});
