import { GraphQLError, type GraphQLSchema } from "graphql";
import { wrapFieldResolvers } from "./wrapFieldResolvers.js";

/** Default per-request execution deadline, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Where a request's {@link RequestDeadline} sits on its context object. */
export const DEADLINE = Symbol.for("engagekit.requestDeadline");

/**
 * The execution deadline of one request: an `AbortSignal` that fires
 * `timeoutMs` after the request started (or when the server shuts down), and
 * the error a request past it answers.
 *
 * What stops when it fires: the HTTP handler answers at once (HTTP 503,
 * `extensions.code: "TIMEOUT"`), and every field resolver that has not
 * started yet throws instead of running (see {@link guardResolvers}), so no
 * further DataLoader batch or SQL query is issued for the request. What
 * cannot be stopped: a statement already sent to the database and a
 * synchronous computation already running finish first (better-sqlite3 is
 * synchronous; JavaScript cannot pre-empt a running function). Long
 * resolvers can check {@link checkDeadline} between steps.
 *
 * @example
 * const deadline = new RequestDeadline(10_000);
 * deadline.signal.addEventListener("abort", () => console.log(deadline.error().message));
 * deadline.dispose(); // when the request is done
 */
export class RequestDeadline {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #reason: "timeout" | "shutdown" = "timeout";

  /**
   * @param timeoutMs - the deadline, > 0 milliseconds from now
   */
  constructor(readonly timeoutMs: number) {
    this.#timer = setTimeout(() => this.#controller.abort(), timeoutMs);
    this.#timer.unref();
  }

  /** Fires when the request is past its deadline or the server is shutting down. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once the signal fired. */
  get expired(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Abandons the request now because the server is stopping. */
  shutdown(): void {
    if (this.expired) return;
    this.#reason = "shutdown";
    this.#controller.abort();
  }

  /** Stops the timer (the request finished in time). */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  /** The error of a request past its deadline: code TIMEOUT (or SHUTTING_DOWN), HTTP 503, the limit named. */
  error(): GraphQLError {
    if (this.#reason === "shutdown") {
      return new GraphQLError("the server is shutting down and abandoned this request; retry it", {
        extensions: { code: "SHUTTING_DOWN", http: { status: 503 } },
      });
    }
    return new GraphQLError(`the request did not finish within the execution deadline of ${this.timeoutMs} ms (requestTimeoutMs) and was abandoned`, {
      extensions: { code: "TIMEOUT", timeoutMs: this.timeoutMs, http: { status: 503 } },
    });
  }
}

/**
 * Throws the deadline's error when the request whose context this is has
 * passed its deadline; for resolvers that loop over many steps.
 *
 * @param context - the request context (any object created by createServer)
 * @example
 * for (const batch of batches) { checkDeadline(ctx); await work(batch); }
 */
export function checkDeadline(context: unknown): void {
  const deadline = deadlineOf(context);
  if (deadline?.expired) throw deadline.error();
}

/** The request's deadline, when the context carries one. */
export function deadlineOf(context: unknown): RequestDeadline | undefined {
  if (typeof context !== "object" || context === null) return undefined;
  const value = (context as { [DEADLINE]?: unknown })[DEADLINE];
  return value instanceof RequestDeadline ? value : undefined;
}

const GUARDED = Symbol.for("engagekit.deadlineGuarded");

/**
 * Wraps, in place, every field resolver of `schema` that is a function (the
 * default property resolver is left alone: it does no work) so that it throws
 * the deadline's error instead of running once the request's deadline has
 * passed. That is the point where further work would start: each resolver
 * issues the DataLoader loads of the next level. Idempotent (a schema shared
 * by two servers is wrapped once). Cost: one property read per resolved field.
 *
 * @example
 * guardResolvers(schema); // then put a RequestDeadline at context[DEADLINE]
 */
export function guardResolvers(schema: GraphQLSchema): void {
  wrapFieldResolvers(schema, GUARDED, (field) => {
    const resolve = field.resolve;
    if (!resolve) return undefined;
    return (source, args, context, info) => {
      const deadline = deadlineOf(context);
      if (deadline?.expired) throw deadline.error();
      return resolve(source, args, context, info);
    };
  });
}
