import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import type { Context } from "../../server/Context.js";
import { CustomerErasureType } from "./CustomerErasure.type.js";
import { eraseCustomer } from "./eraseCustomer.js";
import { exportCustomerData } from "./exportCustomerData.js";

@Resolver()
export class PrivacyResolver {
  @Query(() => JSONObjectResolver, {
    description:
      "Everything stored about one customer (data-subject access request): the customer row with its saved state, and every row of every table holding customer data, by table name. NOT_FOUND for an id outside this workspace.",
  })
  exportCustomerData(@Ctx() ctx: Context, @Arg("customerId", () => ID) customerId: string): Promise<Record<string, unknown>> {
    return exportCustomerData(ctx.scope, ctx.workspace.slug, customerId) as unknown as Promise<Record<string, unknown>>;
  }

  @Mutation(() => CustomerErasureType, {
    description:
      "Erases a customer's personal data everywhere (profile email, traits and external id; identities; personal interaction properties; free-text points reasons), keeps the anonymous rows so aggregates are unchanged, and records the erasure. One transaction; idempotent. NOT_FOUND for an id outside this workspace.",
  })
  async eraseCustomer(
    @Ctx() ctx: Context,
    @Arg("customerId", () => ID) customerId: string,
    @Arg("personalProperties", () => [String], {
      defaultValue: [],
      description: "Interaction property keys to treat as personal on top of the defaults (email, phone, name, address, ip…; compared ignoring case, `_` and `-`). At most 100.",
    })
    personalProperties: string[],
  ): Promise<CustomerErasureType> {
    const r = await eraseCustomer(ctx.scope, customerId, personalProperties);
    return Object.assign(new CustomerErasureType(), { ...r, total: Object.values(r.counts).reduce((a, b) => a + b, 0) });
  }
}
