import { pino, type DestinationStream, type LevelWithSilent } from "pino";
import type { ApolloServerPlugin } from "@apollo/server";
import { requestScopeOf, type RequestScope } from "./requestScope.js";
import { clientErrorCode } from "./formatError.js";

/** One log method: a pino-style `(fields, message)` call. */
export type LogFn = (fields: object, message?: string) => void;

/**
 * What the server needs of a logger: pino's call shape. A `pino()` instance
 * fits, so does a child logger or any adapter with these four methods.
 */
export interface ServerLogger {
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
}

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** `fatal`…`trace` or `silent` (default `info`). */
  readonly level?: LevelWithSilent;
  /** Where the JSON lines go (default stdout); tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/**
 * engagekit's default logger: JSON lines through pino, one object per line
 * with `level`, `time` (epoch ms), `msg` and the fields of the call.
 *
 * @example
 * const logger = createLogger({ level: "warn" });
 * await createServer({ orm, schema, defaultWorkspace: "demo", logger });
 */
export function createLogger(options: CreateLoggerOptions = {}): ServerLogger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "engagekit" },
      serializers: { err: errorFields },
    },
    options.destination,
  );
}

/** What the log says about the request being handled, filled in while it runs. */
interface RequestFacts {
  operation?: string;
  errorCodes?: Set<string>;
}

const facts = new WeakMap<RequestScope, RequestFacts>();

function factsOf(scope: RequestScope): RequestFacts {
  let f = facts.get(scope);
  if (!f) facts.set(scope, (f = {}));
  return f;
}

/** Notes an error code answered by the request (for its log line). */
export function noteErrorCode(scope: RequestScope | undefined, code: string): void {
  if (scope) (factsOf(scope).errorCodes ??= new Set()).add(code);
}

/**
 * An Apollo plugin that notes the operation name and the `extensions.code`
 * of every error of the current request, for its log line. Never the
 * variables or the document: they may hold personal data (emails, traits).
 */
export function requestLogPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const scope = requestScopeOf(rc.contextValue);
          if (scope && rc.operationName) factsOf(scope).operation = rc.operationName;
        },
        async didEncounterErrors(rc) {
          // The code the client gets (formatError turns the core's InputError into BAD_USER_INPUT).
          for (const e of rc.errors) noteErrorCode(requestScopeOf(rc.contextValue), clientErrorCode(e));
        },
      };
    },
  };
}

/**
 * Logs one line at `info` for a finished request: request id, method, path
 * (without the query string, which a GET may fill with variables), status,
 * duration, operation name, error codes, and `aborted: true` when the
 * connection closed before the answer was complete.
 */
export function logRequest(logger: ServerLogger, scope: RequestScope, method: string, path: string, status: number, startedAt: number, aborted = false): void {
  const f = facts.get(scope);
  logger.info(
    {
      requestId: scope.id,
      method,
      path,
      status,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
      ...(f?.operation ? { operation: f.operation } : {}),
      ...(f?.errorCodes ? { errorCodes: [...f.errorCodes] } : {}),
      ...(aborted ? { aborted: true } : {}),
    },
    "request",
  );
}

// Not paths like node_modules/@apollo/server/x.js: the local part must touch the "@".
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// SQL string literals (a driver error quotes the statement, with the row's values).
const QUOTED = /'(?:[^']|'')*'/g;

/** An error message or stack with the values that may be personal data replaced. */
export function scrub(text: string): string {
  return text.replace(QUOTED, "'?'").replace(EMAIL, "[email]");
}

/**
 * pino's `err` serializer: name, code and the scrubbed message and stack of
 * an error (and of its cause), never its other properties (a driver error
 * carries the statement's parameters).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: scrub(err.message),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(err.stack ? { stack: scrub(err.stack) } : {}),
    ...(err.cause !== undefined && err.cause !== err ? { cause: errorFields(err.cause) } : {}),
  };
}
