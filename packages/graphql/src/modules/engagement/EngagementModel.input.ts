import { Field, Float, InputType } from "type-graphql";

@InputType("ContactCadenceInput")
export class ContactCadenceInput {
  @Field(() => String, { description: "week, month, quarter or year." })
  period!: string;

  @Field(() => Float, { description: "Contacts per period the model aims for (≥ 0)." })
  target!: number;

  @Field(() => Float, { description: "Contacts per period it never exceeds (≥ target)." })
  cap!: number;
}

@InputType("ModelBestForInput")
export class ModelBestForInput {
  @Field(() => [String], { description: "B2B and/or B2C." })
  markets!: string[];

  @Field(() => String, { description: "low, mid, high or any." })
  dealSize!: string;

  @Field(() => String, { description: "low, mid, high or any." })
  volume!: string;

  @Field(() => String, { defaultValue: "" })
  notes!: string;
}

@InputType("PlaybookEntryInput")
export class PlaybookEntryInput {
  @Field(() => String, { description: "Journey stage id (awareness … advocacy, or a stage of the workspace's journey map)." })
  stage!: string;

  @Field(() => [String], { description: "Touchpoint ids of the workspace's journey maps." })
  touchpoints!: string[];

  @Field(() => [String], { description: "Channel ids (see the channels query)." })
  channels!: string[];

  @Field(() => [String], { defaultValue: [] })
  actions!: string[];
}

@InputType("CostComponentInput")
export class CostComponentInput {
  @Field(() => String)
  label!: string;

  @Field(() => Float)
  amount!: number;
}

@InputType("CostToServeInput")
export class CostToServeInput {
  @Field(() => String, { description: "week, month, quarter or year." })
  period!: string;

  @Field(() => Float, { description: "Per customer per period (≥ 0); the sum of components when they are given." })
  perCustomer!: number;

  @Field(() => [CostComponentInput], { nullable: true })
  components?: CostComponentInput[];
}

@InputType("EngagementModelInput", { description: "A custom engagement model; validated by the core (channels, touchpoints, cadence, cost) before it is stored as version 1." })
export class EngagementModelInput {
  @Field(() => String, { description: "Stable key, lower snake case; not a catalog model's id nor one the workspace has." })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { defaultValue: "custom", description: "One of the catalog's twelve kinds, or custom." })
  kind!: string;

  @Field(() => String, { description: "high, low or tech." })
  touchLevel!: string;

  @Field(() => String, { description: "manual, assisted or automated." })
  automationLevel!: string;

  @Field(() => [String])
  channels!: string[];

  @Field(() => ContactCadenceInput)
  cadence!: ContactCadenceInput;

  @Field(() => String, { description: "account_manager, csm, support_agent, marketing_automation or community_manager." })
  ownerRole!: string;

  @Field(() => String)
  valueProposition!: string;

  @Field(() => ModelBestForInput)
  bestFor!: ModelBestForInput;

  @Field(() => [String])
  kpis!: string[];

  @Field(() => [String], { defaultValue: [] })
  feedback!: string[];

  @Field(() => [PlaybookEntryInput])
  playbook!: PlaybookEntryInput[];

  @Field(() => CostToServeInput)
  cost!: CostToServeInput;

  @Field(() => String, { nullable: true })
  description?: string;
}

@InputType("EngagementModelChangesInput", { description: "What changes in a model's next version; fields left out keep their value. The id and version cannot change." })
export class EngagementModelChangesInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  kind?: string;

  @Field(() => String, { nullable: true })
  touchLevel?: string;

  @Field(() => String, { nullable: true })
  automationLevel?: string;

  @Field(() => [String], { nullable: true })
  channels?: string[];

  @Field(() => ContactCadenceInput, { nullable: true })
  cadence?: ContactCadenceInput;

  @Field(() => String, { nullable: true })
  ownerRole?: string;

  @Field(() => String, { nullable: true })
  valueProposition?: string;

  @Field(() => ModelBestForInput, { nullable: true })
  bestFor?: ModelBestForInput;

  @Field(() => [String], { nullable: true })
  kpis?: string[];

  @Field(() => [String], { nullable: true })
  feedback?: string[];

  @Field(() => [PlaybookEntryInput], { nullable: true })
  playbook?: PlaybookEntryInput[];

  @Field(() => CostToServeInput, { nullable: true })
  cost?: CostToServeInput;

  @Field(() => String, { nullable: true })
  description?: string;
}

/**
 * A GraphQL input object as plain JSON for the core: class instances become
 * plain objects, and fields left out or null are dropped (the core's optional
 * fields are absent, never undefined).
 */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = plain(v);
    return out;
  }
  return value;
}
