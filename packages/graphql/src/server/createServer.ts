import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
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
import { formatError } from "./formatError.js";
import { depthLimit } from "./depthLimit.js";
import { compiledExecutor } from "./compiledExecutor.js";
import { openSqlReader } from "../data/SqlReader.js";

/** The header that picks the workspace of a request (API keys will replace it). */
export const WORKSPACE_HEADER = "x-engagekit-workspace";

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  readonly orm: MikroORM;
  readonly schema: GraphQLSchema;
  /** Slug of the workspace used when a request names none. */
  readonly defaultWorkspace: string;
  /** Serve the offline GraphiQL IDE at `GET /graphiql` (default true). */
  readonly graphiql?: boolean | { readonly defaultQuery?: string; readonly tabs?: readonly { query: string; variables?: string }[] };
  /** Extra Apollo plugins (logging, limits…). */
  readonly plugins?: readonly ApolloServerPlugin<Context>[];
  /** Largest request body accepted, in bytes (default 10 MiB). */
  readonly maxBodyBytes?: number;
  /** Deepest field nesting accepted (default 12) and most aliases per operation (default 50). */
  readonly maxDepth?: number;
  readonly maxAliases?: number;
  /**
   * Extra routes (a dashboard's static files, a webhook…): called for every
   * request that is not `/graphql`, `/graphiql` or `/healthz`; return true
   * when it answered the request, false to let the server answer 404.
   */
  readonly routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * How operations execute: `"compiled"` (default) compiles each distinct
   * operation once with graphql-jit; `"graphql-js"` uses the reference
   * executor (e.g. to rule the compiler out when debugging).
   */
  readonly executor?: "compiled" | "graphql-js";
}

/** A running engagekit HTTP server. */
export interface EngagekitServer {
  readonly httpServer: Server;
  /** Starts listening; resolves to the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting connections, lets in-flight requests finish, then stops Apollo. Does not close the ORM. */
  stop(): Promise<void>;
}

/**
 * engagekit's HTTP server: `POST|GET /graphql` (Apollo), `GET /graphiql`
 * (an IDE rendered from node_modules, no CDN), `GET /healthz`.
 * Every GraphQL request gets its own EntityManager fork, workspace scope and
 * DataLoaders.
 */
export async function createServer(options: CreateServerOptions): Promise<EngagekitServer> {
  const httpServer = createHttpServer();
  const reader = openSqlReader(options.orm);
  const apollo = new ApolloServer<Context>({
    ...(options.executor === "graphql-js" ? { schema: options.schema } : { gateway: compiledExecutor(options.schema) }),
    introspection: true,
    formatError,
    validationRules: [depthLimit(options.maxDepth ?? 12, options.maxAliases ?? 50)],
    // The host process owns signals (main.ts stops the server, then the ORM).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No CDN landing page, no Apollo Studio reporting, and no per-field cache-control hooks
      // (engagekit does not emit cache hints; the hooks cost time on every resolved field).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ...(options.plugins ?? []),
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

  async function context(req: IncomingMessage): Promise<Context> {
    // One EntityManager fork per request, made when the request first needs it
    // (list queries on SQLite run on the read path and never do).
    let em: EntityManager | undefined;
    const fork = () => (em ??= options.orm.em.fork() as EntityManager);
    const header = req.headers[WORKSPACE_HEADER];
    const slug = (Array.isArray(header) ? header[0] : header) || options.defaultWorkspace;
    const workspace = await resolveWorkspace(fork, slug);
    const scope = new WorkspaceScope(fork, workspace.id, reader);
    return { workspace, scope, loaders: createLoaders(scope) };
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

  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;

  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(err instanceof Error ? err.message : "internal error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz" && req.method === "GET") {
      const ok = await options.orm.isConnected();
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: ok ? "ok" : "unavailable" }));
      return;
    }
    if (url.pathname === "/graphiql" && req.method === "GET" && graphiqlPage) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(graphiqlPage);
      return;
    }
    if (url.pathname !== "/graphql" && options.routes && (await options.routes(req, res))) return;
    if (url.pathname !== "/graphql") {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found: try POST /graphql or GET /graphiql");
      return;
    }
    const body = req.method === "POST" ? await readJson(req, maxBody) : undefined;
    if (body === TOO_LARGE) {
      res.writeHead(413, { "content-type": "text/plain" });
      res.end(`request body larger than ${maxBody} bytes`);
      return;
    }
    if (body instanceof MalformedJson) {
      // Apollo would answer "POST body missing, invalid Content-Type, or JSON object has no keys".
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: body.message, extensions: { code: "BAD_REQUEST", position: body.position, line: body.line, column: body.column } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
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
      // The drain plugin closes the listener and waits for in-flight requests.
      await apollo.stop();
      reader?.close();
    },
  };
}

const TOO_LARGE = Symbol("too large");

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
