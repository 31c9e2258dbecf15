import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

interface CoreInputError {
  code: string;
  path: readonly (string | number)[];
  message: string;
}

/** Duck-typed so it holds across package copies: any error with a string code and a path array. */
function isInputError(e: unknown): e is CoreInputError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    Array.isArray((e as { path?: unknown }).path) &&
    (e as { name?: unknown }).name === "InputError"
  );
}

/**
 * Maps the core's `InputError` to `BAD_USER_INPUT` with `extensions.field`
 * (the dotted path of the offending input) and `extensions.reason` (the
 * core's stable code). Other errors pass through; internal ones lose their
 * message: the client sees "Internal server error", the log sees the cause.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isInputError(original)) {
    return {
      ...formatted,
      message: original.message,
      extensions: {
        code: "BAD_USER_INPUT",
        reason: original.code,
        field: original.path.map(String).join("."),
      },
    };
  }
  if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" && !(original instanceof GraphQLError)) {
    // Never send internals (SQL, stack traces) to clients; keep them in the server log.
    console.error(original);
    return { message: "Internal server error", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  return formatted;
}
