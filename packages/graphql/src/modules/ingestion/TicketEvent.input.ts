import { Field, InputType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { CustomerRefInput } from "./CustomerRef.input.js";

/** What happened on a support ticket. */
export enum TicketEventType {
  OPENED = "opened",
  AGENT_REPLY = "agent_reply",
  CUSTOMER_REPLY = "customer_reply",
  RESOLVED = "resolved",
  REOPENED = "reopened",
}

registerEnumType(TicketEventType, { name: "TicketEventType", description: "What happened on a support ticket." });

@InputType("TicketRefInput", { description: "The ticket an event belongs to, by the help desk's id; created on first sight." })
export class TicketRefInput {
  @Field(() => String)
  externalId!: string;

  @Field(() => CustomerRefInput, { nullable: true })
  customer?: CustomerRefInput;

  @Field(() => String, { nullable: true, description: "Channel the ticket came in on (email, chat, phone…)." })
  channel?: string;
}

@InputType("TicketEventInput", { description: "One event on a support ticket; response and resolution times are computed from these." })
export class TicketEventInput {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => TicketRefInput)
  ticket!: TicketRefInput;

  @Field(() => TicketEventType)
  type!: TicketEventType;

  @Field(() => DateTimeResolver)
  occurredAt!: Date;
}
