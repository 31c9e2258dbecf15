// Serves engagekit with the integrator's plugin (subscriptions) and the VipResolver added.
import "reflect-metadata";
import { createSchema, createServer, expireDueMemberships, type DatabaseTarget } from "@engagekit/graphql";
import { migrate, openOrm } from "@engagekit/server/orm";
import { ensureWorkspace } from "@engagekit/server/seed";
import type { AuditEntry } from "./auditMiddleware.js";
import { subscriptionsPlugin } from "./subscriptionsPlugin.js";
import { VipResolver } from "./VipResolver.js";

export async function start(target: DatabaseTarget | string, port: number, demoDataDir: string, options: { seed?: boolean; onAudit?: (e: AuditEntry) => void } = {}) {
  const plugins = [subscriptionsPlugin(options.onAudit ? { onAudit: options.onAudit } : {})];
  // The same plugins for the ORM (entities, migrations), the schema and the server.
  const orm = await openOrm(typeof target === "string" ? { sqliteFile: target } : target, { plugins });
  const applied = await migrate(orm);
  await ensureWorkspace(orm, "demo", options.seed ?? true, demoDataDir);
  const schema = await createSchema({ resolvers: [VipResolver], plugins });
  const server = await createServer({ orm, schema, plugins, defaultWorkspace: "demo" });
  const url = await server.listen(port, "127.0.0.1");
  return {
    url,
    orm,
    applied,
    /** Re-checks time-based memberships (main servers run this on a timer), with the plugin's kinds. */
    expire: (now?: number) => expireDueMemberships(orm, now, { plugins }),
    stop: async () => (await server.stop(), await orm.close(true)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await start(process.env.ENGAGEKIT_DB_FILE ?? "./data/extension.sqlite", Number(process.env.PORT ?? 4100), new URL("../../../datasets", import.meta.url).pathname);
  console.log(`engagekit + subscriptions plugin on ${url}: try { customers(first: 5) { edges { node { externalId vipLevel subscription { plan renewsAt } } } } metrics { churnRisk { renewing atRisk share } } }`);
}
