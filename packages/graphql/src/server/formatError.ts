import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";

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
 * stack in production.
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
  return formatted;
}
