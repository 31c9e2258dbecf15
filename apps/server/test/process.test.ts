import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { startServerProcess } from "./harness.js";

const chromiumPath = process.env.ENGAGEKIT_CHROMIUM ?? "/usr/bin/chromium";

/** Starts the built server as `npm start` does, on a free port, on loopback. */
const startProcess = (env: Record<string, string>) => startServerProcess({ HOST: "127.0.0.1", ...env });

describe("the server process (npm start)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ek-proc-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("should create, migrate and seed the SQLite file on first start, and not reseed on the second", async () => {
    const file = join(dir, "first.sqlite");
    const a = await startProcess({ ENGAGEKIT_DB_FILE: file });
    expect(a.output()).toContain("2357 customers, 6919 orders, 7764 survey responses") // 3,882 NHS answers as CSAT and as NPS;
    expect(existsSync(file)).toBe(true);
    a.child.kill("SIGTERM");
    await new Promise((r) => a.child.once("exit", r));
    const b = await startProcess({ ENGAGEKIT_DB_FILE: file });
    expect(b.output()).not.toContain("created workspace");
    const res = await fetch(b.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ customers(first: 1) { totalCount } }" }) });
    expect(await res.json()).toEqual({ data: { customers: { totalCount: 2357 } } });
    b.child.kill("SIGTERM");
    await new Promise((r) => b.child.once("exit", r));
  });

  it("should start empty with ENGAGEKIT_SEED=false", async () => {
    const p = await startProcess({ ENGAGEKIT_DB_FILE: join(dir, "empty.sqlite"), ENGAGEKIT_SEED: "false" });
    const res = await fetch(p.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ customers { totalCount } csat { share n } }" }) });
    expect(await res.json()).toEqual({ data: { customers: { totalCount: 0 }, csat: { share: null, n: 0 } } });
    p.child.kill("SIGTERM");
    await new Promise((r) => p.child.once("exit", r));
  });

  it("should finish an in-flight request on SIGTERM, then exit 0", async () => {
    const p = await startProcess({ ENGAGEKIT_DB_FILE: join(dir, "term.sqlite") });
    // A request that is still being answered when the signal arrives.
    const inflight = fetch(p.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ customers(first: 100) { edges { node { id orders { count totalSpent } } } } }" }),
    });
    await new Promise((r) => setTimeout(r, 5));
    p.child.kill("SIGTERM");
    const [res, code] = await Promise.all([inflight, new Promise<number | null>((r) => p.child.once("exit", r))]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { customers: { edges: unknown[] } } }).data.customers.edges).toHaveLength(100);
    expect(code).toBe(0);
    expect(p.output()).toContain("SIGTERM: finishing in-flight requests");
  });

  it("should refuse a bad PORT with a message naming the variable", async () => {
    await expect(startProcess({ PORT: "http", ENGAGEKIT_DB_FILE: join(dir, "bad.sqlite") })).rejects.toThrow(/PORT must be an integer/);
  });
});

const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  const msg = `Chromium not found at ${chromiumPath} (apt-get install -y chromium)`;
  if (process.env.ENGAGEKIT_REQUIRE_BROWSER === "1") throw new Error(`${msg}; required because ENGAGEKIT_REQUIRE_BROWSER=1`);
  console.warn(`skipping browser test: ${msg}`);
}

describe.skipIf(!hasChromium)("GraphiQL in a real browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startProcess>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ek-ide-"));
    server = await startProcess({ ENGAGEKIT_DB_FILE: join(dir, "ide.sqlite") });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill("SIGTERM");
    if (server) await new Promise((r) => server.child.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  });

  it("should render offline, introspect and run the CSAT example with no request leaving the machine", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const outside: string[] = [];
    page.on("request", (req) => {
      const u = new URL(req.url());
      if (!["127.0.0.1", "localhost"].includes(u.hostname) && !["data:", "blob:"].includes(u.protocol)) outside.push(req.url());
    });
    const graphqlPosts: number[] = [];
    page.on("response", (res) => {
      if (res.url().endsWith("/graphql") && res.request().method() === "POST") graphqlPosts.push(res.status());
    });
    await page.goto(server.url.replace(/graphql$/, "graphiql"), { waitUntil: "load" });
    await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
    // The first tab holds the csat example operation; run it.
    await page.locator(".graphiql-execute-button").click();
    // A locator, not waitForFunction: a string predicate is evaluated with eval, which the IDE's CSP forbids.
    await page.locator(".result-window", { hasText: "shareInterval" }).waitFor({ timeout: 30_000 });
    // Monaco renders spaces as no-break spaces; normalise before matching.
    const result = ((await page.locator(".result-window").textContent()) ?? "").replace(/\s+/g, " ");
    expect(result).toContain('"n": 3863');
    expect(graphqlPosts.length).toBeGreaterThanOrEqual(2); // introspection + the query
    expect(graphqlPosts.every((s) => s === 200)).toBe(true);
    expect(outside).toEqual([]);
    // The IDE page's Content-Security-Policy lets GraphiQL work: nothing it does is refused.
    expect(violations).toEqual([]);
  });
});
