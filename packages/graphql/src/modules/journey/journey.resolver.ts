import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { GraphQLError } from "graphql";
import { computeFunnel, nextTouchpoints, type FunnelDefinition, type InteractionFilter } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { Attribution, FunnelBreakdownBy, FunnelInput, type InteractionMatchInput } from "./Funnel.input.js";
import { FunnelType, TouchpointTransitionType } from "./Funnel.type.js";
import { loadInteractions } from "./loadInteractions.js";

function filterOf(m: InteractionMatchInput): InteractionFilter {
  return { ...(m.type ? { type: m.type } : {}), ...(m.touchpoint ? { touchpoint: m.touchpoint } : {}), ...(m.channel ? { channel: m.channel } : {}) };
}

const byCustomer = (i: { customer: { value: string } }) => i.customer.value;

@Resolver()
export class JourneyResolver {
  @Query(() => FunnelType, {
    nullable: true,
    description: "Funnel over recorded interactions: per-step conversion with Wilson intervals, drop-off, time to convert; null when there are no interactions.",
  })
  async funnel(@Ctx() ctx: Context, @Arg("input", () => FunnelInput) input: FunnelInput): Promise<FunnelType | null> {
    const definition: FunnelDefinition = {
      steps: input.steps.map((s) => ({ id: s.id, ...(s.name ? { name: s.name } : {}), match: filterOf(s.match) })),
      windowMs: input.windowHours * 3_600_000,
      mode: input.mode,
      ...(input.exclusions ? { exclusions: input.exclusions.map((e) => ({ match: filterOf(e) })) } : {}),
    };
    const interactions = await loadInteractions(ctx.scope, { from: input.from, to: input.to });
    if (interactions.length === 0) return null;
    let segmentOf: ((key: string) => string | undefined) | undefined;
    if (input.breakdown === FunnelBreakdownBy.SEGMENT) {
      const rows = await ctx.scope.select<{ customer_id: number; key: string }>(
        "select m.customer_id, s.key from segment_memberships m join segments s on s.id = m.segment_id where m.workspace_id = ? order by s.key",
      );
      const first = new Map<string, string>();
      for (const r of rows) if (!first.has(String(r.customer_id))) first.set(String(r.customer_id), r.key);
      segmentOf = (key) => first.get(key);
    }
    const breakdown =
      input.breakdown === undefined || input.breakdown === null
        ? undefined
        : input.breakdown === FunnelBreakdownBy.SEGMENT
          ? { by: "segment" as const, segmentOf: segmentOf as (key: string) => string | undefined }
          : { by: input.breakdown as "channel" | "touchpoint", attribution: input.attribution === Attribution.LAST ? ("last" as const) : ("first" as const) };
    return FunnelType.from(computeFunnel(interactions, definition, { customerKey: byCustomer, ...(breakdown ? { breakdown } : {}) }));
  }

  @Query(() => [TouchpointTransitionType], { description: "The most frequent touchpoints customers go to next from (or came from before) a touchpoint." })
  async touchpointTransitions(
    @Ctx() ctx: Context,
    @Arg("touchpoint", () => String) touchpoint: string,
    @Arg("direction", () => String, { defaultValue: "next", description: "next or previous" }) direction: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
  ): Promise<TouchpointTransitionType[]> {
    if (direction !== "next" && direction !== "previous") {
      throw new GraphQLError("direction must be next or previous", { extensions: { code: "BAD_USER_INPUT", field: "direction" } });
    }
    const interactions = await loadInteractions(ctx.scope, {});
    if (interactions.length === 0) return [];
    return nextTouchpoints(interactions, touchpoint, { direction, k, customerKey: byCustomer }).map((t) =>
      Object.assign(new TouchpointTransitionType(), { touchpoint: t.touchpoint, count: t.count, share: t.share }),
    );
  }
}
