import { SegmentChange } from "../ingestion/IngestionPayload.type.js";
import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

@ObjectType("ConsentEntry", { simpleResolvers: true, description: "The latest consent event for one purpose (and channel): what the core's ConsentState keeps per key." })
export class ConsentEntryType {
  @Field(() => String, { description: "purpose or purpose:channel." })
  key!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => String, { nullable: true, description: "Null for a purpose-wide entry." })
  channel!: string | null;

  @Field(() => String, { description: "granted, denied or withdrawn." })
  status!: string;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => String)
  source!: string;

  @Field(() => DateTimeResolver, { nullable: true })
  expiresAt!: Date | null;
}

@ObjectType("ConsentDecision", { simpleResolvers: true, description: "The core's isAllowed for one purpose (and channel): allowed or not, by which rule, why." })
export class ConsentDecisionType {
  @Field(() => String)
  purpose!: string;

  @Field(() => String, { nullable: true, description: "Null: the purpose-wide answer." })
  channel!: string | null;

  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => String, { description: "granted, not-granted, denied, withdrawn, expired, service-rule or service-refused." })
  rule!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true, description: "The key of the deciding entry; null when none applied." })
  key!: string | null;
}

@ObjectType("CustomerConsent", { simpleResolvers: true, description: "A customer's current consent: the latest entry per purpose × channel and the decision for each." })
export class CustomerConsentType {
  @Field(() => [ConsentEntryType], { description: "The core's ConsentState entries, by key." })
  entries!: ConsentEntryType[];

  @Field(() => [ConsentDecisionType], {
    description: "For every purpose the purpose-wide decision, and for every channel named in the entries the per-channel one (the keys of the core's consentFlags).",
  })
  decisions!: ConsentDecisionType[];
}

@ObjectType("SetConsentPayload", { simpleResolvers: true, description: "What a setConsent batch did. All-or-nothing; a retried batch creates nothing new." })
export class SetConsentPayload {
  @Field(() => Int)
  received!: number;

  @Field(() => Int, { description: "Events written now." })
  created!: number;

  @Field(() => Int, { description: "Events whose idempotency key was already recorded (earlier or earlier in this batch)." })
  duplicates!: number;

  @Field(() => Int, { description: "Customers created because an unknown externalId was referenced." })
  customersCreated!: number;

  @Field(() => [SegmentChange], { description: "Segment membership changes the new consent caused (segments with a consent condition), computed in the same transaction." })
  segmentChanges!: SegmentChange[];
}
