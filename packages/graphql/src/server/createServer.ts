import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { WorkspaceScope } from "../data/WorkspaceScope.js";
import { WorkspaceSchema } from "../entities/Workspace.js";
import { createLoaders } from "./createLoaders.js";
import type { Context, CurrentWorkspace } from "./Context.js";
import { clientErrorCode, formatError } from "./formatError.js";
import { depthLimit } from "./depthLimit.js";
import { compiledExecutor } from "./compiledExecutor.js";
import { DEFAULT_LIST_SIZE, DEFAULT_MAX_QUERY_COST, queryCostPlugin } from "./queryCost.js";
import { DEADLINE, DEFAULT_REQUEST_TIMEOUT_MS, RequestDeadline, guardResolvers } from "./executionDeadline.js";
import { applySecurityHeaders, htmlPageCsp, ROUTE_CSP, SECURITY_HEADERS } from "./securityHeaders.js";
import { createRequestScope, requestScopeOf, type RequestScope } from "./requestScope.js";
import { createLogger, logRequest, noteErrorCode, requestLogPlugin, type ServerLogger } from "./logger.js";
import { checkReadiness } from "./readiness.js";
import { DEFAULT_MAX_DIRECTIVES, DEFAULT_MAX_TOKENS, directiveLimit } from "./documentLimits.js";
import { openSqlReader } from "../data/SqlReader.js";
import { isEngagekitPlugin, type EngagekitPlugin } from "../plugins/EngagekitPlugin.js";
import { pluginsOfSchema } from "../plugins/PluginRuntime.js";
import { ApiKeyAuthenticator, bearerToken, DEVELOPMENT_SECRET, type VerifiedKey } from "../auth/ApiKeyAuthenticator.js";
import { authorizeOperationPlugin } from "../auth/authorizeOperation.js";
import { maskPersonalFields } from "../auth/personalFields.js";
import type { Principal } from "../auth/Principal.js";
import { RateLimiter, type RateLimit } from "../auth/rateLimiter.js";
import { idCodec, type IdCodec } from "../ids/IdCodec.js";
import { ID_CODEC, opaqueIds } from "../ids/opaqueIds.js";

/**
 * The header that picks the workspace of a request without an API key
 * (development mode). With a key, the key's workspace is used; a header
 * naming another workspace is refused (403).
 */
export const WORKSPACE_HEADER = "x-engagekit-workspace";

/** How requests authenticate; see {@link CreateServerOptions.auth}. */
export interface AuthOptions {
  /**
   * Every `/graphql` request needs `Authorization: Bearer <API key>` (401
   * `UNAUTHENTICATED` otherwise). Default false: requests without a key act
   * as admin of the `x-engagekit-workspace` header's workspace (or the
   * default one): the development mode of the demo, meant for loopback only.
   * Requests with a key are verified in either mode.
   */
  readonly required?: boolean;
  /** The server secret keys are hashed with (HMAC-SHA-256) and ids are encrypted with (see IdCodec); changing it invalidates every key and changes every id and cursor. Default: a fixed development secret. */
  readonly secret?: string;
  /** Per-key token bucket (default 100 requests/s, burst 200); false turns it off. Requests without a key are not limited. */
  readonly rateLimit?: RateLimit | false;
  /** How long a verified key is remembered before it is looked up again, ms (default 5,000): the most another process's revocation takes to apply here. */
  readonly keyCacheTtlMs?: number;
}

/** The principal of development-mode requests without a key. */
const DEVELOPMENT_PRINCIPAL: Principal = { role: "admin", keyId: null, keyPrefix: null };

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  readonly orm: MikroORM;
  readonly schema: GraphQLSchema;
  /** Slug of the workspace used when a request names none. */
  readonly defaultWorkspace: string;
  /** Serve the offline GraphiQL IDE at `GET /graphiql` (default true). */
  readonly graphiql?: boolean | { readonly defaultQuery?: string; readonly tabs?: readonly { query: string; variables?: string }[] };
  /**
   * Extra Apollo plugins (logging, limits…), and engagekit plugins (made by
   * `definePlugin`): those must be the ones the schema was built with
   * (`createSchema({ plugins })`), which they default to.
   */
  readonly plugins?: readonly (ApolloServerPlugin<Context> | EngagekitPlugin)[];
  /** Largest request body accepted, in bytes (default 10 MiB). */
  readonly maxBodyBytes?: number;
  /** Deepest field nesting accepted, introspection fields included (default 12), and most aliases per operation (default 50). */
  readonly maxDepth?: number;
  readonly maxAliases?: number;
  /** Most tokens of one GraphQL document (default 5,000): graphql-js stops parsing past it (400 `GRAPHQL_PARSE_FAILED`, `extensions.limit: "maxTokens"`). */
  readonly maxTokens?: number;
  /** Most directives of one operation (default 50; counted by graphql-armor): 400 `GRAPHQL_VALIDATION_FAILED`, `extensions.limit: "maxDirectives"`. */
  readonly maxDirectives?: number;
  /**
   * Where the server logs (JSON lines; default `createLogger()`: pino at
   * `info` on stdout). Any pino-compatible logger fits (see logger.ts).
   */
  readonly logger?: ServerLogger;
  /** Log one `info` line per finished request (default true); errors are logged either way. */
  readonly logRequests?: boolean;
  /**
   * Largest list-aware cost of an operation (default 25,000): each field
   * costs 1 times the `first` of every list it is nested in (see
   * `listAwareEstimator` in queryCost.ts); costlier operations are refused
   * before execution with HTTP 400 and `extensions.code: "QUERY_TOO_COSTLY"`.
   */
  readonly maxQueryCost?: number;
  /** Assumed length of list fields without a `first` argument, for the cost (default 10). */
  readonly costListSize?: number;
  /**
   * Execution deadline of one request in ms (default 10,000): past it the
   * request answers HTTP 503 with `extensions.code: "TIMEOUT"` and its
   * resolvers that have not started yet throw instead of running (the schema's
   * resolvers are wrapped in place for that; see executionDeadline.ts).
   */
  readonly requestTimeoutMs?: number;
  /**
   * How long `stop()` lets in-flight requests finish, in ms (default 10,000);
   * after it their deadlines fire and every open connection is destroyed.
   */
  readonly shutdownTimeoutMs?: number;
  /**
   * How long `stop()` keeps serving with `/readyz` answering 503 before it
   * closes the listener, in ms (default 0): time for a load balancer's
   * readiness probe to take the server out of rotation.
   */
  readonly drainDelayMs?: number;
  /**
   * Answer introspection (`__schema`, `__type`) (default true). Production
   * deployments usually turn it off (the server's config does by default).
   */
  readonly introspection?: boolean;
  /**
   * Extra routes (a dashboard's static files, a webhook…): called for every
   * request that is not `/graphql`, `/graphiql`, `/healthz` or `/readyz`; return true
   * when it answered the request, false to let the server answer 404.
   */
  readonly routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * How operations execute: `"compiled"` (default) compiles each distinct
   * operation once with graphql-jit; `"graphql-js"` uses the reference
   * executor (e.g. to rule the compiler out when debugging).
   */
  readonly executor?: "compiled" | "graphql-js";
  /** API keys: whether they are required, the server secret, the per-key rate limit. */
  readonly auth?: AuthOptions;
}

/** A running engagekit HTTP server. */
export interface EngagekitServer {
  readonly httpServer: Server;
  /** Starts listening; resolves to the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /**
   * Makes `/readyz` answer 503, waits `drainDelayMs`, then
   * stops accepting connections, lets in-flight requests finish for up to
   * `shutdownTimeoutMs`, then abandons the rest (their deadlines fire) and
   * destroys every open connection; then stops Apollo. Does not close the ORM.
   */
  stop(): Promise<void>;
}

/**
 * engagekit's HTTP server: `POST|GET /graphql` (Apollo), `GET /graphiql`
 * (an IDE rendered from node_modules, no CDN), `GET /healthz` (liveness),
 * `GET /readyz` (readiness: database and migrations, 503 while stopping).
 * Every GraphQL request gets its own EntityManager fork, workspace scope and
 * DataLoaders, a random request id (`x-request-id`), an execution deadline
 * and the limits (depth, aliases, list-aware cost); every response carries
 * the security headers of securityHeaders.ts. Error responses never carry
 * `extensions.stacktrace`; internal errors are masked (see formatError).
 */
export async function createServer(options: CreateServerOptions): Promise<EngagekitServer> {
  // First: a plugin mismatch is a startup error, before anything is opened.
  const pluginRuntime = pluginsOfSchema(options.schema, (options.plugins ?? []).filter(isEngagekitPlugin));
  const httpServer = createHttpServer();
  const reader = openSqlReader(options.orm);
  const requestTimeoutMs = positive("requestTimeoutMs", options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const shutdownTimeoutMs = positive("shutdownTimeoutMs", options.shutdownTimeoutMs ?? 10_000);
  // Resolvers check the request's deadline before they run (before the compiled executor reads them).
  guardResolvers(options.schema);
  // The analytics role gets personal fields masked (wrapped in place, like the deadline guard).
  maskPersonalFields(options.schema);
  // Row ids and cursors are opaque to clients: encoded on the way out, decoded on the way in (wrapped in place too).
  opaqueIds(options.schema);
  const authOptions = options.auth ?? {};
  const authRequired = authOptions.required ?? false;
  const serverSecret = authOptions.secret ?? DEVELOPMENT_SECRET;
  const ids = idCodec(serverSecret);
  const authenticator = new ApiKeyAuthenticator(options.orm, serverSecret, authOptions.keyCacheTtlMs ?? 5000);
  const apiKeys = { secret: serverSecret, forget: () => authenticator.forget() };
  const rateLimiter = authOptions.rateLimit === false ? null : new RateLimiter(authOptions.rateLimit ?? { perSecond: 100 });
  const inFlight = new Set<RequestDeadline>();
  const logger = options.logger ?? createLogger();
  const logRequests = options.logRequests ?? true;
  const drainDelayMs = options.drainDelayMs ?? 0;
  if (!Number.isFinite(drainDelayMs) || drainDelayMs < 0) throw new RangeError(`createServer requires drainDelayMs ≥ 0, got ${drainDelayMs}`);
  // Set by stop(): /readyz answers 503 from then on, so a load balancer drains this server.
  let shuttingDown = false;
  /**
   * Logs each internal error's cause under the request's id, and gives the masked errors of the answer that id
   * (formatError cannot see the request): the client sees only "Internal server error" and the id.
   */
  const internalErrorLog: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          for (const e of rc.errors) {
            if (clientErrorCode(e) !== "INTERNAL_SERVER_ERROR") continue;
            const original = unwrapResolverError(e);
            const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
            logger.error({ requestId: requestScopeOf(rc.contextValue)?.id, err: cause }, "internal error");
          }
        },
        async willSendResponse(rc) {
          const requestId = requestScopeOf(rc.contextValue)?.id;
          if (requestId === undefined || rc.response.body.kind !== "single") return;
          const result = rc.response.body.singleResult;
          if (result.errors?.some((e) => e.extensions?.["code"] === "INTERNAL_SERVER_ERROR")) {
            result.errors = result.errors.map((e) => (e.extensions?.["code"] === "INTERNAL_SERVER_ERROR" ? { ...e, extensions: { ...e.extensions, requestId } } : e));
          }
        },
      };
    },
  };
  /** Requests whose context could not be made: Apollo answers them without running the plugins above. */
  const contextFailures = new WeakSet<RequestScope>();
  const apollo = new ApolloServer<Context>({
    ...(options.executor === "graphql-js" ? { schema: options.schema } : { gateway: compiledExecutor(options.schema) }),
    introspection: options.introspection ?? true,
    // Apollo's default sends stack traces (absolute server paths) unless NODE_ENV=production; never.
    includeStacktraceInErrorResponses: false,
    // Internal errors are logged with the request id by internalErrorLog below (formatError cannot see the request).
    formatError: (formatted, error) => formatError(formatted, error, null),
    parseOptions: { maxTokens: positive("maxTokens", options.maxTokens ?? DEFAULT_MAX_TOKENS) },
    validationRules: [depthLimit(options.maxDepth ?? 12, options.maxAliases ?? 50), directiveLimit(positive("maxDirectives", options.maxDirectives ?? DEFAULT_MAX_DIRECTIVES))],
    // The host process owns signals (main.ts stops the server, then the ORM).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownTimeoutMs }),
      authorizeOperationPlugin(options.schema),
      queryCostPlugin<Context>(options.schema, { maxCost: options.maxQueryCost ?? DEFAULT_MAX_QUERY_COST, listSize: options.costListSize ?? DEFAULT_LIST_SIZE }),
      ApolloServerPluginLandingPageDisabled(),
      // No CDN landing page, no Apollo Studio reporting, and no per-field cache-control hooks
      // (engagekit does not emit cache hints; the hooks cost time on every resolved field).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      internalErrorLog,
      ...(logRequests ? [requestLogPlugin<Context>()] : []),
      ...(options.plugins ?? []).filter((p): p is ApolloServerPlugin<Context> => !isEngagekitPlugin(p)),
    ],
  });
  await apollo.start();

  const workspaces = new Map<string, CurrentWorkspace>();
  async function resolveWorkspace(fork: () => EntityManager, slug: string): Promise<CurrentWorkspace> {
    const cached = workspaces.get(slug);
    if (cached) return cached;
    const row = await fork().findOne(WorkspaceSchema, { slug });
    if (!row) {
      throw new GraphQLError(`unknown workspace ${JSON.stringify(slug)}`, {
        extensions: { code: "FORBIDDEN", http: { status: 403 } },
      });
    }
    const ws = { id: row.id, slug: row.slug, name: row.name };
    workspaces.set(slug, ws);
    return ws;
  }

  async function context(req: IncomingMessage, deadline: RequestDeadline, key: VerifiedKey | null, requestScope: RequestScope): Promise<Context> {
    try {
      return await makeContext(req, deadline, key, requestScope);
    } catch (err) {
      // Apollo answers a failed context creation without running the plugins: log it here, under the id.
      if (!(err instanceof GraphQLError)) {
        logger.error({ requestId: requestScope.id, err }, "internal error");
        contextFailures.add(requestScope);
      }
      throw err;
    }
  }

  async function makeContext(req: IncomingMessage, deadline: RequestDeadline, key: VerifiedKey | null, requestScope: RequestScope): Promise<Context> {
    // One EntityManager fork per request, made when the request first needs it
    // (list queries on SQLite run on the read path and never do).
    let em: EntityManager | undefined;
    const fork = () => (em ??= options.orm.em.fork() as EntityManager);
    const header = req.headers[WORKSPACE_HEADER];
    const named = Array.isArray(header) ? header[0] : header;
    let workspace: CurrentWorkspace;
    if (key) {
      // The key decides the workspace; naming another one is a mistake worth telling.
      if (named && named !== key.workspace.slug) {
        throw new GraphQLError(`the API key belongs to another workspace than ${WORKSPACE_HEADER} names`, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
      }
      workspace = key.workspace;
    } else {
      workspace = await resolveWorkspace(fork, named || options.defaultWorkspace);
    }
    const scope = new WorkspaceScope(fork, workspace.id, reader, pluginRuntime);
    const ctx: Context & { readonly [DEADLINE]: RequestDeadline; readonly [ID_CODEC]: IdCodec } = {
      workspace,
      scope,
      loaders: createLoaders(scope),
      auth: key?.principal ?? DEVELOPMENT_PRINCIPAL,
      apiKeys,
      requestScope,
      [DEADLINE]: deadline,
      [ID_CODEC]: ids,
    };
    return ctx;
  }

  /** The request's verified key (null: none, development mode), or the answer already sent (401, 429). */
  async function authenticate(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<VerifiedKey | null | typeof ANSWERED> {
    const token = bearerToken(req.headers.authorization);
    const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): typeof ANSWERED => {
      noteErrorCode(scope, code);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
      return ANSWERED;
    };
    const challenge = { "www-authenticate": 'Bearer realm="engagekit"' };
    if (token === undefined) return refuse(401, "UNAUTHENTICATED", "the Authorization header must be `Bearer <API key>`", challenge);
    if (token === null) {
      return authRequired ? refuse(401, "UNAUTHENTICATED", "an API key is required: send `Authorization: Bearer <API key>`", challenge) : null;
    }
    const key = await authenticator.verify(token);
    if (!key) return refuse(401, "UNAUTHENTICATED", "the API key is not valid (unknown, revoked or rotated)", challenge);
    if (rateLimiter && key.principal.keyId !== null) {
      const wait = rateLimiter.take(key.principal.keyId);
      if (wait > 0) {
        const retryAfter = Math.max(1, Math.ceil(wait));
        return refuse(429, "RATE_LIMITED", `rate limit of ${rateLimiter.perSecond} requests per second (burst ${rateLimiter.burst}) per API key exceeded`, { "retry-after": String(retryAfter) }, { limit: "rateLimit", retryAfterSeconds: retryAfter });
      }
    }
    return key;
  }

  const graphiqlPage =
    options.graphiql === false
      ? null
      : renderGraphiQL({
          endpoint: "/graphql",
          title: "engagekit GraphiQL",
          ...(typeof options.graphiql === "object" && options.graphiql.defaultQuery ? { defaultQuery: options.graphiql.defaultQuery } : {}),
          ...(typeof options.graphiql === "object" && options.graphiql.tabs ? { defaultTabs: options.graphiql.tabs.map((t) => ({ ...t })) } : {}),
        });

  const graphiqlCsp = graphiqlPage ? htmlPageCsp(graphiqlPage) : "";
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;

  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    {
      const scope = createRequestScope();
      applySecurityHeaders(res);
      res.setHeader("x-request-id", scope.id);
      if (logRequests) {
        const startedAt = performance.now();
        // "close" also fires when the client goes away before the answer is complete (logged as aborted).
        res.once("close", () => logRequest(logger, scope, req.method ?? "GET", (req.url ?? "/").split("?", 1)[0] ?? "/", res.statusCode, startedAt, !res.writableFinished));
      }
      handle(req, res, scope).catch((err: unknown) => {
        // Never the error's message (it may hold SQL or paths): the id, and the error in the log.
        logger.error({ requestId: scope.id, err }, "unhandled error");
        noteErrorCode(scope, "INTERNAL_SERVER_ERROR");
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: scope.id } }] }));
        } else {
          res.destroy();
        }
      });
    }
  });

  async function handle(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz" && req.method === "GET") {
      const ok = await options.orm.isConnected();
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: ok ? "ok" : "unavailable" }));
      return;
    }
    if (url.pathname === "/readyz" && req.method === "GET") {
      const readiness = await checkReadiness(options.orm, shuttingDown);
      res.writeHead(readiness.ready ? 200 : 503, { "content-type": "application/json", ...(shuttingDown ? { connection: "close" } : {}) });
      res.end(JSON.stringify(readiness));
      return;
    }
    if (url.pathname === "/graphiql" && req.method === "GET" && graphiqlPage) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": graphiqlCsp });
      res.end(graphiqlPage);
      return;
    }
    if (url.pathname !== "/graphql" && options.routes) {
      // The API's "allow nothing" policy would block an integrator page's own scripts: same-origin by default.
      res.setHeader("content-security-policy", ROUTE_CSP);
      if (await options.routes(req, res)) return;
      res.setHeader("content-security-policy", SECURITY_HEADERS["content-security-policy"] as string);
    }
    if (url.pathname !== "/graphql") {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(graphiqlPage ? "not found: try POST /graphql or GET /graphiql" : "not found: try POST /graphql");
      return;
    }
    const key = await authenticate(req, res, scope);
    if (key === ANSWERED) return;
    const body = req.method === "POST" ? await readJson(req, maxBody) : undefined;
    if (body === TOO_LARGE) {
      noteErrorCode(scope, "PAYLOAD_TOO_LARGE");
      res.writeHead(413, { "content-type": "text/plain" });
      res.end(`request body larger than ${maxBody} bytes`);
      return;
    }
    if (body instanceof MalformedJson) {
      // Apollo would answer "POST body missing, invalid Content-Type, or JSON object has no keys".
      noteErrorCode(scope, "BAD_REQUEST");
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: body.message, extensions: { code: "BAD_REQUEST", position: body.position, line: body.line, column: body.column } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const deadline = new RequestDeadline(requestTimeoutMs);
    inFlight.add(deadline);
    let result: Awaited<ReturnType<typeof apollo.executeHTTPGraphQLRequest>> | typeof EXPIRED;
    try {
      const execution = apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
        context: () => context(req, deadline, key, scope),
      });
      const expired = new Promise<typeof EXPIRED>((resolve) => deadline.signal.addEventListener("abort", () => resolve(EXPIRED), { once: true }));
      result = await Promise.race([execution, expired]);
      if (result === EXPIRED) {
        // The abandoned execution winds down on its own (its next resolvers throw); nobody awaits it.
        execution.catch((err: unknown) => logger.error({ requestId: scope.id, err }, "abandoned execution failed"));
      }
    } finally {
      deadline.dispose();
      inFlight.delete(deadline);
    }
    if (result === EXPIRED) {
      const error = deadline.error();
      noteErrorCode(scope, String(error.extensions["code"]));
      res.writeHead(503, { "content-type": "application/json; charset=utf-8", ...(error.extensions["code"] === "SHUTTING_DOWN" ? { connection: "close" } : {}) });
      res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { ...error.extensions, http: undefined } }] }));
      return;
    }
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(contextFailures.has(scope) ? withRequestId(result.body.string, scope.id) : result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    httpServer,
    listen(port, host = "0.0.0.0") {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
          resolve(`http://${shown}:${address.port}/graphql`);
        });
      });
    },
    async stop() {
      // The drain plugin closes the listener and waits for in-flight requests, for up to
      // shutdownTimeoutMs; then abandon what is left and destroy every connection ourselves
      // too, so no stuck request can hold the shutdown.
      shuttingDown = true;
      if (drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
      const stopped = apollo.stop();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<typeof EXPIRED>((resolve) => (timer = setTimeout(() => resolve(EXPIRED), shutdownTimeoutMs)));
      const outcome = await Promise.race([stopped, expired]);
      clearTimeout(timer);
      if (outcome === EXPIRED) {
        for (const deadline of inFlight) deadline.shutdown();
        // One turn of the event loop lets the abandoned requests write their 503 first.
        await new Promise((resolve) => setImmediate(resolve));
        httpServer.closeAllConnections();
        await Promise.race([stopped.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      }
      reader?.close();
    },
  };
}

/** Adds the request id to the internal errors of an answer the plugins never saw (a failed context creation). */
function withRequestId(body: string, requestId: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    for (const e of parsed.errors ?? []) if (e.extensions?.["code"] === "INTERNAL_SERVER_ERROR") e.extensions["requestId"] = requestId;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

const TOO_LARGE = Symbol("too large");
const ANSWERED: unique symbol = Symbol("answered");
const EXPIRED = Symbol("deadline passed");

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`createServer requires ${name} > 0, got ${value}`);
  return value;
}

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return TOO_LARGE;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const contentType = req.headers["content-type"] ?? "";
    // Not declared as JSON: leave the body to Apollo, which names the content-type problem.
    if (!/\bjson\b/i.test(contentType)) return text;
    return new MalformedJson(text, error instanceof Error ? error.message : String(error));
  }
}

/** A request body declared as JSON that does not parse: where it broke, for the 400 answer. */
class MalformedJson {
  readonly message: string;
  readonly position: number;
  readonly line: number;
  readonly column: number;

  constructor(text: string, parserMessage: string) {
    // V8 names a position for most errors; a truncated body ends early ("Unexpected end of JSON input").
    const at = /at position (\d+)/.exec(parserMessage);
    this.position = at ? Number(at[1]) : text.length;
    const before = text.slice(0, this.position);
    this.line = before.split("\n").length;
    this.column = this.position - before.lastIndexOf("\n");
    const reason = parserMessage.replace(/\s*in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
    this.message = `malformed JSON in the request body at line ${this.line}, column ${this.column} (position ${this.position}): ${reason}`;
  }
}
