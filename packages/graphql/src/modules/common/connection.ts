import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { ErrorCodes, InputError } from "@engagekit/core";

@ObjectType("PageInfo", { simpleResolvers: true, description: "Relay cursor-connection page information." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The Relay connection shape every list in the API returns. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Counts all nodes; called only when a client asks for `totalCount`. */
  count: () => Promise<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for a node type
 * (type-graphql's generic-types pattern), so every list pages the same way.
 */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: "Number of nodes across all pages (one extra query, run only when asked for)." })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionType;
}

/** Largest page any list returns, whatever `first` asks for. */
export const MAX_PAGE_SIZE = 100;

/**
 * The cursor of a row id as resolvers hand it out and take it back: the id's
 * decimal digits. createServer makes cursors opaque on the way out (edges'
 * `cursor`, `PageInfo.endCursor`) and decodes `after` before the resolver
 * runs (see ids/opaqueIds.ts), so resolvers never see what clients see.
 */
export function encodeCursor(id: number): string {
  return String(id);
}

/** The row id a cursor stands for; BAD_USER_INPUT (at `after`) when it is not one. */
export function decodeCursor(cursor: string): number {
  const id = /^\d{1,16}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `after requires a cursor returned by this API, got ${JSON.stringify(cursor)}`, ["after"], cursor);
  }
  return id;
}

/** Checks `first` against the page-size cap. */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `first requires an integer in 0–${MAX_PAGE_SIZE}, got ${first}`, ["first"], first);
  }
  return first;
}
