import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import type { EngagementModel } from "@engagekit/core";

/** Where a model comes from. */
export enum EngagementModelSource {
  CATALOG = "CATALOG",
  WORKSPACE = "WORKSPACE",
  PLUGIN = "PLUGIN",
}
registerEnumType(EngagementModelSource, {
  name: "EngagementModelSource",
  description: "CATALOG: one of the core's twelve models, unchanged; PLUGIN: a model an installed plugin brings, unchanged; WORKSPACE: a custom model, or a catalog or plugin model the workspace revised.",
});

@ObjectType("ContactCadence", { simpleResolvers: true, description: "Contacts per period the model aims for, and never exceeds." })
export class ContactCadenceType {
  @Field(() => String, { description: "week, month, quarter or year." })
  period!: string;

  @Field(() => Float)
  target!: number;

  @Field(() => Float)
  cap!: number;
}

@ObjectType("ModelBestFor", { simpleResolvers: true, description: "Which customers the model pays off for." })
export class ModelBestForType {
  @Field(() => [String], { description: "B2B and/or B2C." })
  markets!: string[];

  @Field(() => String, { description: "low, mid, high or any." })
  dealSize!: string;

  @Field(() => String, { description: "low, mid, high or any." })
  volume!: string;

  @Field(() => String)
  notes!: string;
}

@ObjectType("PlaybookEntry", { simpleResolvers: true, description: "What the model does at one journey stage." })
export class PlaybookEntryType {
  @Field(() => String)
  stage!: string;

  @Field(() => [String])
  touchpoints!: string[];

  @Field(() => [String])
  channels!: string[];

  @Field(() => [String])
  actions!: string[];
}

@ObjectType("CostComponent", { simpleResolvers: true })
export class CostComponentType {
  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: "Per customer per period." })
  amount!: number;
}

@ObjectType("CostToServe", { simpleResolvers: true, description: "Cost to serve one customer for one period." })
export class CostToServeType {
  @Field(() => String)
  period!: string;

  @Field(() => Float)
  perCustomer!: number;

  @Field(() => [CostComponentType])
  components!: CostComponentType[];
}

@ObjectType("EngagementModel", {
  simpleResolvers: true,
  description: "One version of an engagement model: touch level, channels, cadence, owner, value proposition, KPIs, playbook per journey stage and cost to serve.",
})
export class EngagementModelType {
  @Field(() => String, { description: "Stable key, lower snake case (e.g. high_touch, or a custom model's id)." })
  id!: string;

  @Field(() => Int, { description: "1 for the first version; each update adds 1." })
  version!: number;

  @Field(() => EngagementModelSource)
  source!: EngagementModelSource;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "One of the catalog's twelve kinds, or custom." })
  kind!: string;

  @Field(() => String, { description: "high, low or tech." })
  touchLevel!: string;

  @Field(() => String, { description: "manual, assisted or automated." })
  automationLevel!: string;

  @Field(() => [String], { description: "Channel ids the model uses by default." })
  channels!: string[];

  @Field(() => ContactCadenceType)
  cadence!: ContactCadenceType;

  @Field(() => String, { description: "account_manager, csm, support_agent, marketing_automation or community_manager." })
  ownerRole!: string;

  @Field(() => String)
  valueProposition!: string;

  @Field(() => ModelBestForType)
  bestFor!: ModelBestForType;

  @Field(() => [String], { description: "Metric ids that judge the model." })
  kpis!: string[];

  @Field(() => [String], { description: "Survey keys whose answers judge the model." })
  feedback!: string[];

  @Field(() => [PlaybookEntryType])
  playbook!: PlaybookEntryType[];

  @Field(() => CostToServeType)
  cost!: CostToServeType;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When this version was stored; null for catalog models." })
  createdAt!: Date | null;

  @Field(() => JSONObjectResolver, { description: "The whole model as the core's JSON document." })
  definition!: Record<string, unknown>;
}

/** The API type of a core model. */
export function toEngagementModelType(model: EngagementModel, source: EngagementModelSource, createdAt: Date | null): EngagementModelType {
  return Object.assign(new EngagementModelType(), {
    id: model.id,
    version: model.version,
    source,
    name: model.name,
    kind: model.kind,
    touchLevel: model.touchLevel,
    automationLevel: model.automationLevel,
    channels: [...model.channels],
    cadence: Object.assign(new ContactCadenceType(), model.cadence),
    ownerRole: model.ownerRole,
    valueProposition: model.valueProposition,
    bestFor: Object.assign(new ModelBestForType(), { ...model.bestFor, markets: [...model.bestFor.markets] }),
    kpis: [...model.kpis],
    feedback: [...model.feedback],
    playbook: model.playbook.map((e) =>
      Object.assign(new PlaybookEntryType(), { stage: e.stage, touchpoints: [...e.touchpoints], channels: [...e.channels], actions: [...e.actions] }),
    ),
    cost: Object.assign(new CostToServeType(), {
      period: model.cost.period,
      perCustomer: model.cost.perCustomer,
      components: (model.cost.components ?? []).map((c) => Object.assign(new CostComponentType(), { label: c.label, amount: c.amount })),
    }),
    description: model.description ?? null,
    createdAt,
    definition: model as unknown as Record<string, unknown>,
  });
}
