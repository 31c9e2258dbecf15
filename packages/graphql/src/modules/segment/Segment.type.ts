import { Field, ID, ObjectType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";

@ObjectType("Segment", { simpleResolvers: true, description: "A named condition-language definition; membership is kept current by ingestion." })
export class SegmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => JSONObjectResolver, { description: "The definition in engagekit's segment condition language." })
  definition!: Record<string, unknown>;
}

export interface SegmentRow {
  id: number;
  key: string;
  name: string;
  description: string | null;
  definition: string | Record<string, unknown>;
}

export function toSegmentType(row: SegmentRow): SegmentType {
  return Object.assign(new SegmentType(), {
    id: String(row.id),
    key: row.key,
    name: row.name,
    description: row.description,
    definition: typeof row.definition === "string" ? (JSON.parse(row.definition) as Record<string, unknown>) : row.definition,
  });
}
