import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, type ASTVisitor, type GraphQLFormattedError, type ValidationContext } from "graphql";

/** Default most tokens of one document (GraphiQL's introspection query has about 180; the depth-10 query 50). */
export const DEFAULT_MAX_TOKENS = 5_000;
/** Default most directives of one operation (graphql-armor's default). */
export const DEFAULT_MAX_DIRECTIVES = 50;

/**
 * A validation rule that refuses operations with more than `max` directives
 * (fragments counted where they are spread), counted by graphql-armor's
 * max-directives rule; the rejection is ours: `BAD_USER_INPUT` naming the
 * limit in its message and in `extensions.limit: "maxDirectives"` (Apollo
 * answers it as `GRAPHQL_VALIDATION_FAILED`, 400); armor's own error would be
 * thrown out of validation as "Syntax Error: …".
 */
export function directiveLimit(max: number): (context: ValidationContext) => ASTVisitor {
  return (context) =>
    maxDirectivesRule({
      n: max,
      propagateOnRejection: false,
      onReject: [
        (_ctx, error) => {
          const found = /found (\d+)/.exec(error.message)?.[1];
          context.reportError(
            new GraphQLError(`${found ?? "too many"} directives exceed the limit of ${max} (maxDirectives)`, {
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "query", limit: "maxDirectives" },
            }),
          );
        },
      ],
    })(context) as unknown as ASTVisitor;
}

// graphql-js's own message when `parse(…, { maxTokens })` gives up.
const TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/**
 * Names the token limit in graphql-js's parse error (Apollo passes
 * `parseOptions.maxTokens` to `parse`, which stops reading the document at
 * the limit, so an oversized document costs no more than the limit).
 * Other errors come back unchanged.
 */
export function nameTokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const max = TOKENS.exec(formatted.message)?.[1];
  if (max === undefined) return formatted;
  return {
    message: `the query has more than ${max} tokens, the limit (maxTokens)`,
    extensions: { ...formatted.extensions, code: "GRAPHQL_PARSE_FAILED", field: "query", limit: "maxTokens" },
  };
}
