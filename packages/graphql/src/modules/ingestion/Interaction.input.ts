import { Field, Float, InputType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { CustomerRefInput } from "./CustomerRef.input.js";

@InputType("InteractionInput", { description: "One interaction to record (Segment's track)." })
export class InteractionInput {
  @Field(() => String, { description: "Unique per workspace: a retried item with the same key is not recorded twice." })
  idempotencyKey!: string;

  @Field(() => CustomerRefInput)
  customer!: CustomerRefInput;

  @Field(() => String, { description: "What happened: page_view, email_open, email_click, purchase, ticket_opened, review_posted, referral_sent, survey_answered…" })
  type!: string;

  @Field(() => String, { description: "The channel: web, mobile_app, email, sms, push, phone, chat, social, in_store, voice_assistant, iot_device or your own." })
  channel!: string;

  @Field(() => String, { nullable: true })
  touchpoint?: string;

  @Field(() => DateTimeResolver)
  occurredAt!: Date;

  @Field(() => JSONObjectResolver, { nullable: true })
  properties?: Record<string, unknown>;

  @Field(() => Float, { nullable: true, description: "Monetary or numeric value, if any." })
  value?: number;
}
