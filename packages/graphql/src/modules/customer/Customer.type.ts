import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";

/**
 * The API's customer (a third model: not the ORM entity, not a core type).
 * Capability fields (orders, scores, segments…) are added by their own
 * modules' field resolvers.
 */
@ObjectType("Customer")
export class CustomerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The workspace's own id for this customer." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => JSONResolver, { nullable: true })
  traits!: Record<string, unknown> | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;
}

/** A plain customer row as read by the list queries. */
export interface CustomerRow {
  id: number;
  external_id: string;
  email: string | null;
  traits: string | Record<string, unknown> | null;
  created_at: string | number | Date;
}

/** Maps a plain row to the API type. */
export function toCustomerType(row: CustomerRow): CustomerType {
  return Object.assign(new CustomerType(), {
    id: String(row.id),
    externalId: row.external_id,
    email: row.email,
    traits: typeof row.traits === "string" ? (JSON.parse(row.traits) as Record<string, unknown>) : row.traits,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  });
}
