import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { nameTokenLimit } from "./documentLimits.js";
import type { ServerLogger } from "./logger.js";

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

/** The `extensions.code` the client receives for `error` (an error of a request's `errors`), as {@link formatError} answers it. */
export function clientErrorCode(error: GraphQLError): string {
  if (isInputError(unwrapResolverError(error))) return "BAD_USER_INPUT";
  const code = error.extensions?.["code"];
  return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
}

/**
 * Maps the core's `InputError` to `BAD_USER_INPUT` with `extensions.field`
 * (the dotted path of the offending input) and `extensions.reason` (the
 * core's stable code). Other errors pass through without
 * `extensions.stacktrace` (never sent, in any mode); internal ones lose their
 * message: the client sees "Internal server error" (createServer adds
 * `extensions.requestId`, also the `x-request-id` header, and logs the full
 * error under that id); `logger` gets the cause here (undefined: the
 * console; null: not logged here, as createServer does).
 * The token limit's parse error names the limit (see documentLimits.ts).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, logger?: ServerLogger | null): GraphQLFormattedError {
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
  if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
    // Never send internals (SQL, stack traces) to clients; keep them in the server log. Apollo
    // wraps unexpected errors (e.g. "Context creation failed: <SQL error>") in a GraphQLError
    // with this code, so the wrapper is masked too.
    const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
    if (logger) logger.error({ err: cause }, "internal error");
    else if (logger === undefined) console.error("internal error", cause);
    return {
      message: "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  }
  if (formatted.extensions && "stacktrace" in formatted.extensions) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions;
    return nameTokenLimit({ ...formatted, extensions });
  }
  return nameTokenLimit(formatted);
}
