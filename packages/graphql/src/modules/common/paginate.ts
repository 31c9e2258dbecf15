import { raw } from "@mikro-orm/core";
import type { QueryBuilder } from "@mikro-orm/knex";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { decodeCursor, encodeCursor, pageSize } from "./connection.js";

/**
 * One page of a Relay connection from a scoped query builder, keyset-paged
 * on the primary key (`id`, ascending): stable under inserts, no OFFSET.
 * `totalCount` is a second query run only when asked for.
 */
export async function paginate<Row extends { id: number }, Node>(
  scope: WorkspaceScope,
  qb: QueryBuilder<object>,
  countQb: QueryBuilder<object>,
  first: number,
  after: string | undefined,
  toNode: (row: Row) => Node,
): Promise<{ edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; count: () => Promise<number> }> {
  const limit = pageSize(first);
  qb.orderBy({ id: "asc" } as never).limit(limit + 1);
  if (after) qb.andWhere({ id: { $gt: decodeCursor(after) } } as never);
  const rows = await scope.rows<Row>(qb);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    edges: page.map((row) => ({ cursor: encodeCursor(Number(row.id)), node: toNode(row) })),
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(Number(last.id)) : null },
    count: async () => {
      const counted = await scope.rows<{ n: number | string }>(countQb.select([raw("count(*) as n")] as never));
      return Number(counted[0]?.n ?? 0);
    },
  };
}
