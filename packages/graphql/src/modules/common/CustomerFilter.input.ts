import { Field, InputType } from "type-graphql";

/**
 * Which customers a metric covers, by what is stored on them now: segment
 * membership, journey stage, ladder rung. Conditions combine with AND.
 */
@InputType("CustomerFilterInput")
export class CustomerFilterInput {
  @Field(() => String, { nullable: true, description: "Only customers currently in this segment (by key)." })
  segment?: string;

  @Field(() => String, { nullable: true, description: "Only customers currently at this journey stage (e.g. retention)." })
  journeyStage?: string;

  @Field(() => String, { nullable: true, description: "Only customers currently on this ladder rung (passive, active, advocate)." })
  ladderTier?: string;
}

/**
 * The SQL condition `column in (customers matching the filter)` and its
 * parameters, or null when the filter is empty. The subqueries carry the
 * workspace themselves, so the caller's own workspace condition stays first.
 */
export function customerFilterSql(workspaceId: number, column: string, filter: CustomerFilterInput | undefined | null): { sql: string; params: unknown[] } | null {
  if (!filter) return null;
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.segment) {
    parts.push(`${column} in (select m.customer_id from segment_memberships m join segments s on s.id = m.segment_id where m.workspace_id = ? and s.workspace_id = ? and s.key = ?)`);
    params.push(workspaceId, workspaceId, filter.segment);
  }
  const traits: string[] = [];
  if (filter.journeyStage) (traits.push("c.journey_stage = ?"), params.push(filter.journeyStage));
  if (filter.ladderTier) (traits.push("c.ladder_tier = ?"), params.push(filter.ladderTier));
  if (traits.length > 0) {
    parts.push(`${column} in (select c.id from customers c where c.workspace_id = ? and ${traits.join(" and ")})`);
    params.splice(params.length - traits.length, 0, workspaceId);
  }
  return parts.length === 0 ? null : { sql: parts.join(" and "), params };
}
