import "reflect-metadata";
import { createLogger, createSchema, createServer, expireDueMemberships, issueApiKey, runScheduledTriggers } from "@engagekit/graphql";
import { loadConfig } from "./config.js";
import { migrate, openOrm } from "./orm.js";
import { ensureWorkspace } from "./seed.js";
import { graphiqlTabs } from "./operations.js";

/** Starts engagekit: open and migrate the database, seed, serve, and stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const orm = await openOrm(config.database);
  const applied = await migrate(orm);
  if (applied.length > 0) logger.info({ migrations: applied }, `migrated: ${applied.join(", ")}`);
  const seeded = await ensureWorkspace(orm, config.defaultWorkspace, config.seed, config.demoDataDir);
  if (seeded.created) {
    logger.info(
      { workspace: config.defaultWorkspace },
      `created workspace "${config.defaultWorkspace}"` +
        (config.seed ? `: ${seeded.customers} customers, ${seeded.orders} orders, ${seeded.surveyResponses} survey responses` : " (empty)"),
    );
  }
  if (config.authRequired) {
    // First start in production mode: one admin key, printed once (to stderr, never to the JSON log).
    const issued = await issueApiKey(orm, config.defaultWorkspace, { secret: config.secret, onlyIfNone: true });
    if (issued) {
      process.stderr.write(
        `\nBootstrap admin API key of workspace "${config.defaultWorkspace}" (shown once; store it now):\n\n  ${issued.key}\n\n` +
          `Send it as "Authorization: Bearer <key>"; create others with the createApiKey mutation or \`engagekit keys create\`.\n\n`,
      );
      logger.info({ workspace: config.defaultWorkspace, prefix: issued.row.prefix }, `created the bootstrap admin key ${issued.row.prefix}… (printed on stderr)`);
    }
  }
  const server = await createServer({
    orm,
    schema: await createSchema(),
    defaultWorkspace: config.defaultWorkspace,
    graphiql: config.graphiql ? { tabs: graphiqlTabs() } : false,
    introspection: config.introspection,
    maxQueryCost: config.maxQueryCost,
    maxDepth: config.maxDepth,
    costListSize: config.costListSize,
    requestTimeoutMs: config.requestTimeoutMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    drainDelayMs: config.drainDelayMs,
    maxTokens: config.maxTokens,
    maxDirectives: config.maxDirectives,
    logger,
    logRequests: config.logRequests,
    auth: { required: config.authRequired, secret: config.secret, rateLimit: config.rateLimit.perSecond > 0 ? config.rateLimit : false },
  });
  const url = await server.listen(config.port, config.host);
  const where = "url" in config.database ? "PostgreSQL" : config.database.sqliteFile;
  const ide = config.graphiql ? `IDE: ${url.replace(/graphql$/, "graphiql")}` : "IDE off";
  logger.info({ url, mode: config.mode }, `engagekit GraphQL on ${url} (${ide}, data: ${where}, ${config.mode} mode)`);

  // Time-based segment conditions flip without events: re-check due customers on a timer; then the
  // time-based triggers (dates relative to a trait, P(alive) drops) and those on the segments that just flipped.
  let expiring = false;
  const expiry =
    config.expiryIntervalMs > 0
      ? setInterval(() => {
          if (expiring) return;
          expiring = true;
          const now = Date.now();
          expireDueMemberships(orm, now)
            .catch((err: unknown) => {
              logger.error({ err }, "segment expiry failed");
              return [];
            })
            .then((expired) => runScheduledTriggers(orm, now, expired))
            .catch((err: unknown) => logger.error({ err }, "scheduled triggers failed"))
            .finally(() => (expiring = false));
        }, config.expiryIntervalMs).unref()
      : undefined;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing in-flight requests (up to ${config.shutdownTimeoutMs} ms)`);
    if (expiry) clearInterval(expiry);
    // Backstop: the server destroys its connections at the shutdown deadline; if closing the
    // database still hangs after that, exit anyway.
    setTimeout(() => {
      logger.error({ signal }, `shutdown did not finish ${config.shutdownTimeoutMs + 5000} ms after ${signal}; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000).unref();
    server
      .stop()
      .then(() => orm.close(true))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
