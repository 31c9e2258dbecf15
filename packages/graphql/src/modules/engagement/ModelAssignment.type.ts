import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { EngagementModelType } from "./EngagementModel.type.js";

@ObjectType("CustomerEngagementModel", { simpleResolvers: true, description: "The model and version a customer's last stored assignment chose, and why." })
export class CustomerEngagementModelType {
  @Field(() => EngagementModelType, { description: "The model at the version that was assigned (not necessarily its latest)." })
  model!: EngagementModelType;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: "Why: the rule and segment that took the customer, or the spill to the next model or the fallback." })
  reason!: string;

  @Field(() => Int, { nullable: true, description: "The customer's rank by expected value at risk within the rule (1 = first served)." })
  rank!: number | null;

  @Field(() => DateTimeResolver)
  assignedAt!: Date;
}

@ObjectType("ModelUsage", { simpleResolvers: true, description: "How many customers a model serves against its capacity." })
export class ModelUsageType {
  @Field(() => String)
  model!: string;

  @Field(() => Int, { description: "The model version the assignments record." })
  version!: number;

  @Field(() => Int)
  customers!: number;

  @Field(() => Int, { nullable: true, description: "Null: unbounded." })
  capacity!: number | null;

  @Field(() => Float, { nullable: true, description: "customers / capacity; null when unbounded or the capacity is 0." })
  utilization!: number | null;
}

@ObjectType("EngagementAssignmentReport", { simpleResolvers: true, description: "What an assignment run computed (and, unless a dry run, stored)." })
export class EngagementAssignmentReportType {
  @Field(() => Boolean, { description: "True: nothing was written." })
  dryRun!: boolean;

  @Field(() => DateTimeResolver, { description: "The instant segment membership was evaluated at, recorded as assignedAt." })
  asOf!: Date;

  @Field(() => Int, { description: "Customers assigned." })
  customers!: number;

  @Field(() => Int, { description: "Customers whose model or version differs from their stored assignment." })
  changed!: number;

  @Field(() => [ModelUsageType], { description: "Per model, the customers assigned and its capacity, most customers first." })
  usage!: ModelUsageType[];
}
