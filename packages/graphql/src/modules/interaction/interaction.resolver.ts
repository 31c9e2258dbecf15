import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/Context.js";
import { InteractionSchema } from "../../entities/Interaction.js";
import { paginate } from "../common/paginate.js";
import { InteractionFilterInput } from "./InteractionFilter.input.js";
import { InteractionConnection, toInteractionType, type InteractionRow } from "./Interaction.type.js";

const COLUMNS = ["id", "customer", "idempotencyKey", "type", "channel", "touchpoint", "occurredAt", "properties", "value"];

@Resolver()
export class InteractionResolver {
  @Query(() => InteractionConnection, { description: "Recorded interactions, oldest recorded first, filtered." })
  async interactions(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, at most 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("filter", () => InteractionFilterInput, { nullable: true }) filter?: InteractionFilterInput,
  ): Promise<InteractionConnection> {
    const where = () => {
      const qb = ctx.scope.qb(InteractionSchema);
      if (filter?.customerId) qb.andWhere({ customer: Number(filter.customerId) });
      if (filter?.type) qb.andWhere({ type: filter.type });
      if (filter?.channel) qb.andWhere({ channel: filter.channel });
      if (filter?.touchpoint) qb.andWhere({ touchpoint: filter.touchpoint });
      if (filter?.from) qb.andWhere({ occurredAt: { $gte: filter.from } });
      if (filter?.to) qb.andWhere({ occurredAt: { $lt: filter.to } });
      return qb;
    };
    const page = await paginate<InteractionRow, ReturnType<typeof toInteractionType>>(
      ctx.scope,
      where().select(COLUMNS as never) as never,
      where() as never,
      first,
      after,
      toInteractionType,
    );
    return Object.assign(new InteractionConnection(), page);
  }
}
