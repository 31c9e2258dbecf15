// Serves engagekit with the VipResolver added — the whole integration is the `resolvers` option.
import "reflect-metadata";
import { createSchema, createServer } from "@engagekit/graphql";
import { migrate, openOrm } from "@engagekit/server/orm";
import { ensureWorkspace } from "@engagekit/server/seed";
import { VipResolver } from "./VipResolver.js";

export async function start(sqliteFile: string, port: number, demoDataDir: string) {
  const orm = await openOrm({ sqliteFile });
  await migrate(orm);
  await ensureWorkspace(orm, "demo", true, demoDataDir);
  const server = await createServer({ orm, schema: await createSchema({ resolvers: [VipResolver] }), defaultWorkspace: "demo" });
  const url = await server.listen(port, "127.0.0.1");
  return { url, stop: async () => (await server.stop(), await orm.close(true)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await start(process.env.ENGAGEKIT_DB_FILE ?? "./data/extension.sqlite", Number(process.env.PORT ?? 4100), new URL("../../../datasets", import.meta.url).pathname);
  console.log(`engagekit + VipResolver on ${url}: try { customers(first: 5) { edges { node { externalId vipLevel } } } revenue }`);
}
