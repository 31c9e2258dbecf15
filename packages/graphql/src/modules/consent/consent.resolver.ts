import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { Context } from "../../server/Context.js";
import { CustomerType } from "../customer/Customer.type.js";
import { ConsentInput } from "./Consent.input.js";
import { CustomerConsentType, SetConsentPayload } from "./Consent.type.js";
import { setConsent, toConsentType } from "./consentService.js";

/** Consent events in, each customer's current consent out: the core's ledger and its one check, isAllowed. */
@Resolver(() => CustomerType)
export class ConsentResolver {
  @Mutation(() => SetConsentPayload, {
    description:
      "Records consent events (at most 10,000). All-or-nothing: each is checked by the core's validateConsentRecord and one bad item rejects the batch with BAD_USER_INPUT naming its index and field (input.3.purpose). Idempotent per key; unknown customers are created.",
  })
  setConsent(@Ctx() ctx: Context, @Arg("input", () => [ConsentInput]) input: ConsentInput[]): Promise<SetConsentPayload> {
    return setConsent(ctx.scope, input);
  }

  @FieldResolver(() => CustomerConsentType, { description: "Current consent per purpose × channel: the core's consentLedger of the stored events and isAllowed for each (batched)." })
  async consent(
    @Root() customer: CustomerType,
    @Ctx() ctx: Context,
    @Arg("asOf", () => DateTimeResolver, { nullable: true, description: "The state at a past time (events after it are ignored, grants lapse by it); default now." }) asOf?: Date,
  ): Promise<CustomerConsentType> {
    const loader = ctx.loaders.consentAt(asOf ? asOf.getTime() : undefined);
    return toConsentType(await loader.load(Number(customer.id)), asOf ? asOf.getTime() : ctx.loaders.requestTime);
  }
}
