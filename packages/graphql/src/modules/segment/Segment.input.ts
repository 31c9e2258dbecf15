import { Field, InputType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";

@InputType("SegmentInput", { description: "A segment: a key unique in the workspace, a name, and a condition in engagekit's condition language." })
export class SegmentInput {
  @Field(() => String, { description: "Unique in the workspace; also the id other segments use in `inSegment`." })
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => JSONObjectResolver, {
    description: 'The condition tree, e.g. { "type": "performed", "interaction": "purchase", "op": "atLeast", "times": 3 }. See packages/core/schema/segment-definition.schema.json.',
  })
  condition!: Record<string, unknown>;
}
