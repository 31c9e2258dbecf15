import { GraphQLError } from "graphql";

/**
 * NOT_FOUND naming `customerId`, as the other operations answer an id outside
 * the workspace. The message does not quote the id: resolvers see row ids,
 * clients know customers by their opaque ids only.
 */
export function customerNotFound(): GraphQLError {
  return new GraphQLError("no customer with that id in this workspace", { extensions: { code: "NOT_FOUND", field: "customerId" } });
}

/** The internal id of an API customer id; null when it cannot be one. */
export function parseCustomerId(customerId: string): number | null {
  const n = Number(customerId);
  return /^\d+$/.test(customerId) && Number.isSafeInteger(n) ? n : null;
}
