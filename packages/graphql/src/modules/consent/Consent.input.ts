import { Field, InputType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { CustomerRefInput } from "../ingestion/CustomerRef.input.js";

@InputType("ConsentInput", {
  description: "One consent event (the core's ConsentRecord). Purpose and status are plain strings checked by the core (validateConsentRecord), so a bad value is reported with its path.",
})
export class ConsentInput {
  @Field(() => String, { description: "Unique per workspace; a retried event with a recorded key writes nothing." })
  idempotencyKey!: string;

  @Field(() => CustomerRefInput)
  customer!: CustomerRefInput;

  @Field(() => String, { description: "marketing, personalization, analytics or service." })
  purpose!: string;

  @Field(() => String, { nullable: true, description: "A channel id (email, sms…); absent: purpose-wide (every channel)." })
  channel?: string | null;

  @Field(() => String, { description: "granted, denied or withdrawn." })
  status!: string;

  @Field(() => DateTimeResolver, { description: "When the customer gave or refused it." })
  at!: Date;

  @Field(() => String, { description: "Where it was recorded: signup_form, preference_center, agent:42, import:2026-01…" })
  source!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When a grant lapses (renewal policies); ignored for refusals." })
  expiresAt?: Date | null;
}
