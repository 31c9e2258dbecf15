import { isAbsolute, resolve } from "node:path";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DEVELOPMENT_SECRET, type DatabaseTarget } from "@engagekit/graphql";

/**
 * `development`: the demo path (`npm start` on loopback, introspection and
 * GraphiQL on). `production`: the safe defaults for a deployment
 * (introspection and GraphiQL off, listens on all interfaces).
 */
export type ServerMode = "development" | "production";

/** The server's settings, read once from the environment. */
export interface ServerConfig {
  readonly mode: ServerMode;
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  /** Seed the demo workspace on first start. */
  readonly seed: boolean;
  readonly defaultWorkspace: string;
  /** Folder with the vendored demo data (CDNOW sample, NHS answers). */
  readonly demoDataDir: string;
  /** How often time-based segment conditions are re-checked (0 = never). */
  readonly expiryIntervalMs: number;
  /** Answer `__schema`/`__type` queries. */
  readonly introspection: boolean;
  /** Serve the GraphiQL IDE at `/graphiql`. */
  readonly graphiql: boolean;
  /** Largest list-aware cost of one operation. */
  readonly maxQueryCost: number;
  /** Deepest field nesting of one operation. */
  readonly maxDepth: number;
  /** Assumed length of lists without `first`, for the cost. */
  readonly costListSize: number;
  /** Execution deadline of one request, ms. */
  readonly requestTimeoutMs: number;
  /** How long a shutdown waits for in-flight requests, ms. */
  readonly shutdownTimeoutMs: number;
  /** How long a shutdown keeps serving with `/readyz` at 503 before closing the listener, ms. */
  readonly drainDelayMs: number;
  /** Most tokens of one GraphQL document. */
  readonly maxTokens: number;
  /** Most directives of one operation. */
  readonly maxDirectives: number;
  /** Level of the JSON log lines on stdout. */
  readonly logLevel: LogLevel;
  /** One `info` line per request. */
  readonly logRequests: boolean;
  /** Every request needs an API key (production mode). */
  readonly authRequired: boolean;
  /** The server secret API keys are hashed with (`ENGAGEKIT_SECRET`; a fixed development secret in development mode). */
  readonly secret: string;
  /** Requests per second per API key (0: no limit) and the burst. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
}

/** pino's levels, and `silent`. */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What the caller of {@link loadConfig} needs. */
export interface LoadConfigOptions {
  /**
   * Whether API keys are handled (default true: the server, `engagekit keys`):
   * then `ENGAGEKIT_SECRET` is required where keys are. The importer opens the
   * database directly and never touches a key, so it passes false.
   */
  readonly needsSecret?: boolean;
}

/** A configuration error names the variable and the rule it broke. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function int(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function logLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === "") return "info";
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level) throw new ConfigError(`ENGAGEKIT_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(value)}`);
  return level;
}

/**
 * Reads the configuration:
 * - mode: `production` when `NODE_ENV=production` or `ENGAGEKIT_AUTH=required`,
 *   else `development` (the demo: `npm start` with no key on loopback).
 *   Production mode requires an API key on every request (`Authorization:
 *   Bearer ek_…`) unless `ENGAGEKIT_AUTH=off` (a gateway in front
 *   authenticates); development mode accepts requests without one (as admin)
 * - `ENGAGEKIT_SECRET` — the server secret API keys are hashed with (HMAC);
 *   required when keys are, at least 16 characters; changing it invalidates
 *   every key
 * - `ENGAGEKIT_RATE_LIMIT` (100) — requests per second per API key, 0 for
 *   none; `ENGAGEKIT_RATE_BURST` (2 × the limit) — requests at once
 * - `PORT` (4000); `ENGAGEKIT_HOST` or `HOST` — the interface to listen on:
 *   `127.0.0.1` in development (the demo is reachable from this machine only),
 *   `0.0.0.0` in production (a container or VM is reached from outside)
 * - `ENGAGEKIT_INTROSPECTION` — answer `__schema`/`__type` (development: true,
 *   production: false); `ENGAGEKIT_GRAPHIQL` — serve `GET /graphiql`
 *   (default: as introspection, which the IDE needs)
 * - `ENGAGEKIT_MAX_QUERY_COST` (25000) — largest list-aware cost of one
 *   operation: each field costs 1 times the `first` of every list it is
 *   nested in, `ENGAGEKIT_COST_LIST_SIZE` (10) for lists without `first`;
 *   costlier operations answer 400 `QUERY_TOO_COSTLY` before running (the
 *   example operations in `operations/` cost 5–565, GraphiQL's introspection
 *   query about 5,200, the depth-10 query 103,301,301)
 * - `ENGAGEKIT_MAX_DEPTH` (12) — deepest field nesting, introspection fields
 *   included except the `ofType` chain (GraphiQL's introspection query is 6
 *   deep counted so, 15 with it)
 * - `ENGAGEKIT_REQUEST_TIMEOUT_MS` (10000) — execution deadline of one
 *   request: past it the request answers 503 `TIMEOUT` and its remaining
 *   resolvers do not run
 * - `ENGAGEKIT_SHUTDOWN_TIMEOUT_MS` (10000) — on SIGTERM/SIGINT, how long
 *   in-flight requests may finish; then their connections are destroyed and
 *   the process exits
 * - `ENGAGEKIT_DRAIN_DELAY_MS` (0) — on SIGTERM/SIGINT, how long the server
 *   keeps serving with `/readyz` answering 503 before it closes the listener
 *   (set it above the load balancer's readiness probe interval)
 * - `ENGAGEKIT_MAX_TOKENS` (5000) — most tokens of one GraphQL document;
 *   `ENGAGEKIT_MAX_DIRECTIVES` (50) — most directives of one operation
 * - `ENGAGEKIT_LOG_LEVEL` (`info`) — `fatal`, `error`, `warn`, `info`,
 *   `debug`, `trace` or `silent`: JSON lines on stdout;
 *   `ENGAGEKIT_LOG_REQUESTS` (true) — one `info` line per request
 * - `DATABASE_URL` — a `postgres://` URL; when unset, the SQLite file
 *   `ENGAGEKIT_DB_FILE` (default `./data/engagekit.sqlite`, relative to the
 *   working directory) is created and migrated
 * - `ENGAGEKIT_SEED` (true) — seed the demo workspace on first start
 * - `ENGAGEKIT_DEFAULT_WORKSPACE` (`demo`) — workspace of requests without
 *   an `x-engagekit-workspace` header
 * - `ENGAGEKIT_DEMO_DATA` — folder of the demo data (the repo's `datasets/`)
 * - `ENGAGEKIT_EXPIRY_INTERVAL_MS` (60000) — how often customers whose
 *   time-based segment conditions may have flipped are re-evaluated; 0 disables
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), options: LoadConfigOptions = {}): ServerConfig {
  const portText = env.PORT ?? "4000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer in 0–65535, got ${JSON.stringify(portText)}`);
  }
  const url = env.DATABASE_URL;
  let database: DatabaseTarget;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("DATABASE_URL must be a postgres:// URL (SQLite is configured with ENGAGEKIT_DB_FILE)");
    database = { url };
  } else {
    const file = env.ENGAGEKIT_DB_FILE || "./data/engagekit.sqlite";
    database = { sqliteFile: file === ":memory:" || isAbsolute(file) ? file : resolve(cwd, file) };
  }
  const defaultWorkspace = env.ENGAGEKIT_DEFAULT_WORKSPACE || "demo";
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(defaultWorkspace)) {
    throw new ConfigError(`ENGAGEKIT_DEFAULT_WORKSPACE must be a slug (a–z, 0–9, -), got ${JSON.stringify(defaultWorkspace)}`);
  }
  const auth = env.ENGAGEKIT_AUTH || undefined;
  if (auth !== undefined && auth !== "required" && auth !== "off") throw new ConfigError(`ENGAGEKIT_AUTH must be required or off, got ${JSON.stringify(auth)}`);
  const mode: ServerMode = env.NODE_ENV === "production" || auth === "required" ? "production" : "development";
  // Production requires keys unless turned off explicitly (behind a gateway that authenticates).
  const authRequired = auth === "required" || (mode === "production" && auth !== "off");
  const introspection = bool("ENGAGEKIT_INTROSPECTION", env.ENGAGEKIT_INTROSPECTION, mode === "development");
  const expiryText = env.ENGAGEKIT_EXPIRY_INTERVAL_MS ?? "60000";
  const expiryIntervalMs = Number(expiryText);
  if (!Number.isInteger(expiryIntervalMs) || expiryIntervalMs < 0) {
    throw new ConfigError(`ENGAGEKIT_EXPIRY_INTERVAL_MS must be a non-negative integer, got ${JSON.stringify(expiryText)}`);
  }
  const secret = env.ENGAGEKIT_SECRET ?? "";
  if (authRequired && (options.needsSecret ?? true) && secret.length < 16) {
    throw new ConfigError(`ENGAGEKIT_SECRET must be set to at least 16 characters when API keys are required (it hashes them), got ${secret.length}`);
  }
  const perSecond = int("ENGAGEKIT_RATE_LIMIT", env.ENGAGEKIT_RATE_LIMIT, 100, 0);
  const burst = int("ENGAGEKIT_RATE_BURST", env.ENGAGEKIT_RATE_BURST, Math.max(1, 2 * perSecond), 1);
  return {
    mode,
    authRequired,
    secret: secret || DEVELOPMENT_SECRET,
    rateLimit: { perSecond, burst },
    expiryIntervalMs,
    port,
    host: env.ENGAGEKIT_HOST || env.HOST || (mode === "production" ? "0.0.0.0" : "127.0.0.1"),
    introspection,
    graphiql: bool("ENGAGEKIT_GRAPHIQL", env.ENGAGEKIT_GRAPHIQL, introspection),
    maxQueryCost: int("ENGAGEKIT_MAX_QUERY_COST", env.ENGAGEKIT_MAX_QUERY_COST, 25_000, 1),
    maxDepth: int("ENGAGEKIT_MAX_DEPTH", env.ENGAGEKIT_MAX_DEPTH, 12, 1),
    costListSize: int("ENGAGEKIT_COST_LIST_SIZE", env.ENGAGEKIT_COST_LIST_SIZE, 10, 1),
    requestTimeoutMs: int("ENGAGEKIT_REQUEST_TIMEOUT_MS", env.ENGAGEKIT_REQUEST_TIMEOUT_MS, 10_000, 1),
    shutdownTimeoutMs: int("ENGAGEKIT_SHUTDOWN_TIMEOUT_MS", env.ENGAGEKIT_SHUTDOWN_TIMEOUT_MS, 10_000, 1),
    drainDelayMs: int("ENGAGEKIT_DRAIN_DELAY_MS", env.ENGAGEKIT_DRAIN_DELAY_MS, 0, 0),
    maxTokens: int("ENGAGEKIT_MAX_TOKENS", env.ENGAGEKIT_MAX_TOKENS, 5_000, 1),
    maxDirectives: int("ENGAGEKIT_MAX_DIRECTIVES", env.ENGAGEKIT_MAX_DIRECTIVES, 50, 1),
    logLevel: logLevel(env.ENGAGEKIT_LOG_LEVEL),
    logRequests: bool("ENGAGEKIT_LOG_REQUESTS", env.ENGAGEKIT_LOG_REQUESTS, true),
    database,
    seed: bool("ENGAGEKIT_SEED", env.ENGAGEKIT_SEED, true),
    defaultWorkspace,
    demoDataDir: env.ENGAGEKIT_DEMO_DATA ? resolve(cwd, env.ENGAGEKIT_DEMO_DATA) : resolve(appRoot, "../../datasets"),
  };
}
