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

/** Maps a plain row to the API type; fields of columns the read did not select stay unset (see toOrderType). */
export function toSegmentType(row: Partial<SegmentRow>): SegmentType {
  const segment = new SegmentType();
  if (row.id !== undefined) segment.id = String(row.id);
  if (row.key !== undefined) segment.key = row.key;
  if (row.name !== undefined) segment.name = row.name;
  if (row.description !== undefined) segment.description = row.description;
  if (row.definition !== undefined) segment.definition = typeof row.definition === "string" ? (JSON.parse(row.definition) as Record<string, unknown>) : row.definition;
  return segment;
}
