import "reflect-metadata";
import { createSchema, createServer } from "@engagekit/graphql";
import { openOrm, migrate } from "/work/main/apps/server/dist/orm.js";
import { graphiqlTabs } from "/work/main/apps/server/dist/operations.js";
const orm = await openOrm({ sqliteFile: "/work/main/data/engagekit.sqlite" });
await migrate(orm);
const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo", graphiql: { tabs: graphiqlTabs() } });
await server.listen(4556);
process.on("SIGTERM", async () => {
console.time("stop"); await server.stop(); console.timeEnd("stop");
console.time("close"); await orm.close(true); console.timeEnd("close");
process.exit(0);
});
