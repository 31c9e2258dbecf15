// Serves the dashboard (public/) beside engagekit's GraphQL API on one origin, through
// createServer's `routes` extension point: the page calls /graphql with plain fetch.
import "reflect-metadata";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createSchema, createServer } from "@engagekit/graphql";
import { migrate, openOrm } from "@engagekit/server/orm";
import { ensureWorkspace } from "@engagekit/server/seed";

const publicDir = new URL("../public/", import.meta.url);
const files: Record<string, string> = { "/": "index.html", "/index.html": "index.html", "/dashboard.js": "dashboard.js", "/dashboard.css": "dashboard.css" };
const types: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/** The dashboard's three files; anything else is left to the API server (404). */
async function staticFiles(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const file = files[path];
  if (req.method !== "GET" || file === undefined) return false;
  const body = await readFile(new URL(file, publicDir));
  res.writeHead(200, { "content-type": types[file.split(".").pop() ?? ""] ?? "application/octet-stream", "cache-control": "no-cache" });
  res.end(body);
  return true;
}

export async function start(sqliteFile: string, port: number, demoDataDir: string) {
  const orm = await openOrm({ sqliteFile });
  await migrate(orm);
  await ensureWorkspace(orm, "demo", true, demoDataDir);
  const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo", routes: staticFiles });
  const graphql = await server.listen(port, "127.0.0.1");
  return { url: graphql.replace(/graphql$/, ""), graphql, stop: async () => (await server.stop(), await orm.close(true)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await start(process.env.ENGAGEKIT_DB_FILE ?? "./data/dashboard.sqlite", Number(process.env.PORT ?? 4200), new URL("../../../datasets", import.meta.url).pathname);
  console.log(`engagekit dashboard on ${url}`);
}
