import { isAbsolute, resolve } from "node:path";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "@engagekit/graphql";

/** The server's settings, read once from the environment. */
export interface ServerConfig {
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
}

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

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

/**
 * Reads the configuration:
 * - `PORT` (4000), `HOST` (0.0.0.0)
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
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
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
  const expiryText = env.ENGAGEKIT_EXPIRY_INTERVAL_MS ?? "60000";
  const expiryIntervalMs = Number(expiryText);
  if (!Number.isInteger(expiryIntervalMs) || expiryIntervalMs < 0) {
    throw new ConfigError(`ENGAGEKIT_EXPIRY_INTERVAL_MS must be a non-negative integer, got ${JSON.stringify(expiryText)}`);
  }
  return {
    expiryIntervalMs,
    port,
    host: env.HOST || "0.0.0.0",
    database,
    seed: bool("ENGAGEKIT_SEED", env.ENGAGEKIT_SEED, true),
    defaultWorkspace,
    demoDataDir: env.ENGAGEKIT_DEMO_DATA ? resolve(cwd, env.ENGAGEKIT_DEMO_DATA) : resolve(appRoot, "../../datasets"),
  };
}
