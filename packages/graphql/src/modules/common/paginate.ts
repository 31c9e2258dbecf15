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
): Promise<Page<Node>> {
  const limit = pageSize(first);
  qb.orderBy({ id: "asc" } as never).limit(limit + 1);
  if (after) qb.andWhere({ id: { $gt: decodeCursor(after) } } as never);
  const rows = await scope.rows<Row>(qb);
  return toPage(rows, limit, toNode, async () => {
    const counted = await scope.rows<{ n: number | string }>(countQb.select([raw("count(*) as n")] as never));
    return Number(counted[0]?.n ?? 0);
  });
}

/** One page of a connection, the total counted only when asked for. */
export interface Page<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  count: () => Promise<number>;
}

/**
 * {@link paginate} for a hot list written as SQL: `from` is everything after
 * the select list (`from customers where workspace_id = ?`, the workspace
 * first as {@link WorkspaceScope.select} requires). Skips the query builder,
 * which costs more than the query on a page of 100.
 */
export async function paginateSql<Row extends { id: number }, Node>(
  scope: WorkspaceScope,
  columns: string,
  from: string,
  first: number,
  after: string | undefined,
  toNode: (row: Row) => Node,
): Promise<Page<Node>> {
  const limit = pageSize(first);
  const rows = after
    ? await scope.select<Row>(`select ${columns} ${from} and id > ? order by id limit ?`, [decodeCursor(after), limit + 1])
    : await scope.select<Row>(`select ${columns} ${from} order by id limit ?`, [limit + 1]);
  return toPage(rows, limit, toNode, async () => {
    const counted = await scope.select<{ n: number | string }>(`select count(*) as n ${from}`);
    return Number(counted[0]?.n ?? 0);
  });
}

/** An edge whose cursor is encoded only if a client selects it (most list queries do not). */
class Edge<Node> {
  constructor(
    private readonly id: number,
    readonly node: Node,
  ) {}

  get cursor(): string {
    return encodeCursor(this.id);
  }
}

function toPage<Row extends { id: number }, Node>(rows: Row[], limit: number, toNode: (row: Row) => Node, count: () => Promise<number>): Page<Node> {
  const page = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    edges: page.map((row) => new Edge(Number(row.id), toNode(row))),
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(Number(last.id)) : null },
    count,
  };
}
