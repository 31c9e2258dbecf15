import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { start } from "../src/serve.js";

const chromiumPath = process.env.ENGAGEKIT_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  const msg = `Chromium not found at ${chromiumPath} (apt-get install -y chromium)`;
  if (process.env.ENGAGEKIT_REQUIRE_BROWSER === "1") throw new Error(`${msg}; required because ENGAGEKIT_REQUIRE_BROWSER=1`);
  console.warn(`skipping the dashboard browser test: ${msg}`);
}

type Csat = { share: number; n: number; shareInterval: { lower: number; upper: number } };

/** The dashboard in a real Chromium against a real engagekit server on a real SQLite file. */
describe.skipIf(!hasChromium)("the dashboard example in a browser", () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof start>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ek-dashboard-"));
    app = await start(join(dir, "dashboard.sqlite"), 0, join(import.meta.dirname, "../../../datasets"));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should render the API's CSAT, its interval and every surgery, with no request leaving the machine", async () => {
    // The oracle: the same numbers asked of the API directly.
    const res = await fetch(app.graphql, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ csat(filter: { survey: "nhs-fft" }) { share n shareInterval { lower upper } } bySurgery: csatBreakdown(by: TOUCHPOINT, filter: { survey: "nhs-fft" }) { key csat { share n } } }` }),
    });
    const { data } = (await res.json()) as { data: { csat: Csat; bySurgery: { key: string; csat: Csat | null }[] } };
    expect(data.csat.n).toBe(3863); // datasets/nhs_fft_gp_feedback/SOURCE.md: 3,882 answers, 19 "don't know"

    const page = await browser.newPage();
    const outside: string[] = [];
    const failed: string[] = [];
    page.on("request", (req) => {
      const u = new URL(req.url());
      if (!["127.0.0.1", "localhost"].includes(u.hostname) && !["data:", "blob:"].includes(u.protocol)) outside.push(req.url());
    });
    page.on("requestfailed", (req) => failed.push(req.url()));
    page.on("pageerror", (err) => failed.push(err.message));
    await page.goto(app.url, { waitUntil: "load" });
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });

    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    expect(await page.locator('[data-testid="csat-share"]').textContent()).toBe(pct(data.csat.share));
    const detail = (await page.locator('[data-testid="csat-detail"]').textContent()) ?? "";
    expect(detail).toContain(`${pct(data.csat.shareInterval.lower)} – ${pct(data.csat.shareInterval.upper)}`);
    expect(detail).toContain(`n = ${data.csat.n}`);

    const rows = await page.locator('[data-testid="csat-by-surgery"] tbody tr').allTextContents();
    const scored = data.bySurgery.filter((g) => g.csat !== null);
    expect(rows).toHaveLength(scored.length);
    expect(scored.length).toBe(11); // 11 London GP surgeries (SOURCE.md)
    // Highest CSAT first, each surgery with its own n.
    const best = [...scored].sort((a, b) => (b.csat?.share ?? 0) - (a.csat?.share ?? 0))[0];
    expect(rows[0]).toContain(best?.key ?? "?");
    expect(rows[0]).toContain(String(best?.csat?.n));
    expect(await page.locator('[data-testid="customers"] tbody tr').count()).toBe(10);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
  });

  it("should show the API's error instead of numbers when a query fails", async () => {
    const page = await browser.newPage();
    // Make the API answer with a GraphQL error for this page only.
    await page.route("**/graphql", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ errors: [{ message: "unknown workspace" }] }) }));
    await page.goto(app.url, { waitUntil: "load" });
    await page.waitForSelector('#status[data-state="error"]', { timeout: 30_000 });
    expect(await page.locator("#status").textContent()).toContain("unknown workspace");
    expect(await page.locator('[data-testid="csat-share"]').textContent()).toBe("–");
  });
});
