import { Field, ObjectType } from "type-graphql";
import { JSONResolver } from "graphql-scalars";

@ObjectType("SegmentIssue", { simpleResolvers: true, description: "One problem in a segment definition, with its JSON path." })
export class SegmentIssueType {
  @Field(() => String, { description: "Stable code, e.g. SEGMENT.UNKNOWN_OPERATOR." })
  code!: string;

  @Field(() => String, { description: "Dotted path from the input, e.g. condition.conditions.2.op." })
  path!: string;

  @Field(() => String)
  message!: string;

  @Field(() => JSONResolver, { nullable: true })
  value!: unknown;
}

@ObjectType("SegmentValidation", { simpleResolvers: true })
export class SegmentValidationType {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [SegmentIssueType])
  issues!: SegmentIssueType[];
}

@ObjectType("SegmentPreview", { simpleResolvers: true, description: "How many customers a definition would hold now." })
export class SegmentPreviewType {
  @Field(() => Number)
  count!: number;

  @Field(() => Number, { description: "Customers evaluated (all of the workspace)." })
  total!: number;
}
