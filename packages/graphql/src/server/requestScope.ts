import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What the server knows about the request being handled, wherever in its async work. */
export interface RequestScope {
  /** Random id of the request: sent back as `x-request-id`, logged with its errors. */
  readonly id: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `fn` as the handling of one request with a fresh random id (UUID v4),
 * so code anywhere below it (error formatting, logging) can name the request.
 *
 * @example
 * inRequestScope((scope) => { res.setHeader("x-request-id", scope.id); return handle(req, res); });
 */
export function inRequestScope<T>(fn: (scope: RequestScope) => T): T {
  const scope: RequestScope = { id: randomUUID() };
  return storage.run(scope, () => fn(scope));
}

/** The id of the request being handled, or undefined outside one. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.id;
}

/** The scope of the request being handled (the log's per-request facts hang on it), or undefined outside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
