// Serves the dashboard (Vite's build of web/, in dist/web) beside engagekit's GraphQL API on
// one origin, through createServer's `routes` extension point: the page calls /graphql with
// plain fetch, under the same-origin CSP createServer gives routes.
import "reflect-metadata";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { createSchema, createServer } from "@engagekit/graphql";
import { migrate, openOrm } from "@engagekit/server/orm";
import { ensureWorkspace } from "@engagekit/server/seed";
import { graphqlClient, prepareDemo } from "./demoSetup.js";
import { webDir } from "./webDir.js";

const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml" };

/** Every built file by URL path, read once: a request can only name a file Vite wrote. */
type Built = { body: Buffer; gzip: Buffer; type: string };

function builtFiles(): Map<string, Built> {
  if (!existsSync(join(webDir, "index.html"))) throw new Error(`${webDir}index.html is missing: run \`npm run build -w @engagekit/example-dashboard\` first`);
  const files = new Map<string, Built>();
  for (const entry of readdirSync(webDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const body = readFileSync(path);
    // Compressed once here: the chart bundle is about 610 KiB raw, 200 KiB gzipped.
    files.set(`/${relative(webDir, path).split("\\").join("/")}`, { body, gzip: gzipSync(body, { level: 9 }), type: types[extname(path)] ?? "application/octet-stream" });
  }
  const index = files.get("/index.html");
  if (index) files.set("/", index);
  return files;
}

function staticRoutes(files: Map<string, Built>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const file = files.get(new URL(req.url ?? "/", "http://localhost").pathname);
    if ((req.method !== "GET" && req.method !== "HEAD") || file === undefined) return false;
    // Hashed asset names change with their content; the page itself is always revalidated.
    const immutable = req.url?.startsWith("/assets/") === true;
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? file.gzip : file.body;
    res.writeHead(200, {
      "content-type": file.type,
      "content-length": body.length,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}

export async function start(sqliteFile: string, port: number, demoDataDir: string) {
  const files = builtFiles();
  const orm = await openOrm({ sqliteFile });
  await migrate(orm);
  await ensureWorkspace(orm, "demo", true, demoDataDir);
  const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "demo", routes: staticRoutes(files) });
  const graphql = await server.listen(port, "127.0.0.1");
  try {
    await prepareDemo(graphqlClient(graphql), demoDataDir);
  } catch (err) {
    await server.stop();
    await orm.close(true);
    throw err;
  }
  return { url: graphql.replace(/graphql$/, ""), graphql, stop: async () => (await server.stop(), await orm.close(true)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await start(process.env.ENGAGEKIT_DB_FILE ?? "./data/dashboard.sqlite", Number(process.env.PORT ?? 4200), new URL("../../../datasets", import.meta.url).pathname);
  console.log(`engagekit dashboard on ${url}`);
}
