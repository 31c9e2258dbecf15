import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { start } from "../src/serve.js";

const chromiumPath = process.env.ENGAGEKIT_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  const msg = `Chromium not found at ${chromiumPath} (apt-get install -y chromium)`;
  if (process.env.ENGAGEKIT_REQUIRE_BROWSER === "1") throw new Error(`${msg}; required because ENGAGEKIT_REQUIRE_BROWSER=1`);
  console.warn(`skipping the dashboard browser test: ${msg}`);
}

/** Screenshots for a person to look at (gitignored). */
const outputDir = join(import.meta.dirname, "../test-output");

type Iv = { lower: number; upper: number };
type Metric = { estimate: number | null; interval: Iv | null };
/** The oracle's answer: the same API asked directly, with the test's own query text. */
type Oracle = {
  nps: { key: string | null; nps: { score: number; n: number; interval: Iv } | null }[];
  csat: { key: string | null; csat: { share: number; n: number; shareInterval: Iv } | null }[];
  funnel: { entered: number; steps: { name: string; count: number; dropOff: number }[] } | null;
  cartAfterClick: { timeToConvert: { median: number } | null } | null;
  orderAfterCart: { timeToConvert: { median: number } | null } | null;
  cohortRetention: { rows: { cohort: string; size: number; shares: number[] }[] } | null;
  segments: { totalCount: number; edges: { node: { name: string; memberCount: number } }[] };
  modelEffectiveness: { n: number; models: { model: string; n: number; retention: Metric; repeatPurchase: Metric }[] };
};
const step = (id: string, name: string, type: string, touchpoint: string) => `{ id: "${id}", name: "${name}", match: { type: ["${type}"], touchpoint: ["${touchpoint}"] } }`;
const CLICK = step("click", "Product click", "page_view", "otto_product_page");
const CART = step("cart", "Add to cart", "add_to_cart", "otto_cart");
const ORDER = step("order", "Order", "purchase", "otto_checkout");
const ORACLE = `{
  nps: npsBreakdown(by: MONTH, filter: { survey: "nhs-fft" }) { key nps { score n interval { lower upper } } }
  csat: csatBreakdown(by: MONTH, filter: { survey: "nhs-fft" }) { key csat { share n shareInterval { lower upper } } }
  funnel(input: { steps: [${CLICK}, ${CART}, ${ORDER}], windowHours: 672 }) { entered steps { name count dropOff } }
  cartAfterClick: funnel(input: { steps: [${CLICK}, ${CART}], windowHours: 672 }) { timeToConvert { median } }
  orderAfterCart: funnel(input: { steps: [${CART}, ${ORDER}], windowHours: 672 }) { timeToConvert { median } }
  cohortRetention(period: MONTH) { rows { cohort size shares } }
  segments(first: 100) { totalCount edges { node { name memberCount } } }
  modelEffectiveness(period: { from: "1997-10-01T00:00:00Z", to: "1998-07-01T00:00:00Z" }) {
    n models { model n retention { estimate interval { lower upper } } repeatPurchase { estimate interval { lower upper } } }
  }
}`;

/** What a chart plots, read back from its ECharts instance in the page. */
type Plotted = { series: { name: string; type: string; data: unknown[] }[]; x: unknown[][]; y: unknown[][] };
async function plotted(page: Page): Promise<Record<string, Plotted>> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as { engagekitDashboard?: { charts: Record<string, { getOption(): unknown }> } }).engagekitDashboard;
    if (!state) throw new Error("window.engagekitDashboard is not set");
    const axes = (a: unknown) => (Array.isArray(a) ? a : [a]).map((x: { data?: unknown[] }) => x?.data ?? []);
    return Object.fromEntries(
      Object.entries(state.charts).map(([id, chart]) => {
        const o = chart.getOption() as { series: { name: string; type: string; data: unknown[] }[]; xAxis: unknown; yAxis: unknown };
        return [id, { series: o.series.map((s) => ({ name: s.name, type: s.type, data: s.data })), x: axes(o.xAxis), y: axes(o.yAxis) }];
      }),
    );
  });
}
const series = (p: Plotted | undefined, name: string) => {
  const s = p?.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series "${name}" in ${JSON.stringify(p?.series.map((x) => x.name))}`);
  return s.data;
};
/** ECharts stores a plotted null as "-" (its empty value); compare numbers to 1e-9. */
const num = (v: unknown) => (v === "-" || v === null || v === undefined ? null : Number(v));
function expectClose(actual: unknown[], expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || e === undefined) expect(num(a), `index ${i}`).toBeNull();
    else expect(num(a), `index ${i}`).toBeCloseTo(e, 9);
  });
}

/** The dashboard in a real Chromium against a real engagekit server on a real SQLite file. */
describe.skipIf(!hasChromium)("the dashboard example in a browser", () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof start>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ek-dashboard-"));
    mkdirSync(outputDir, { recursive: true });
    app = await start(join(dir, "dashboard.sqlite"), 0, join(import.meta.dirname, "../../../datasets"));
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should plot exactly the API's answers in all five charts, under the server's CSP, with no request leaving the machine", async () => {
    const res = await fetch(app.graphql, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: ORACLE }) });
    const { data, errors } = (await res.json()) as { data: Oracle; errors?: unknown };
    expect(errors).toBeUndefined();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    const failed: string[] = [];
    page.on("request", (req) => {
      const u = new URL(req.url());
      if (!["127.0.0.1", "localhost"].includes(u.hostname) && !["data:", "blob:"].includes(u.protocol)) outside.push(req.url());
    });
    page.on("requestfailed", (req) => failed.push(req.url()));
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on("pageerror", (err) => failed.push(err.message));
    page.on("console", (m) => {
      if (m.type() === "error") failed.push(m.text()); // CSP refusals are reported here
    });
    const response = await page.goto(app.url, { waitUntil: "load" });
    // The route CSP createServer gives integrator pages: same origin only, no inline script, no eval.
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
    const charts = await plotted(page);
    expect(Object.keys(charts).sort()).toEqual(["cohorts", "funnel", "models", "segments", "trend"]);

    // NPS and CSAT by month: the line is the estimate, the band's lower edge + width its interval.
    const trend = charts["trend"];
    const months = (trend?.x[1] ?? []) as string[];
    expect(months.length).toBeGreaterThan(1);
    const nps = new Map(data.nps.flatMap((g) => (g.key && g.nps ? [[g.key, g.nps] as const] : [])));
    const csat = new Map(data.csat.flatMap((g) => (g.key && g.csat ? [[g.key, g.csat] as const] : [])));
    expect(new Set(months)).toEqual(new Set([...months.filter((m) => !nps.has(m) && !csat.has(m)), ...nps.keys(), ...csat.keys()]));
    expectClose(series(trend, "NPS"), months.map((m) => nps.get(m)?.score ?? null));
    expectClose(series(trend, "NPS lower bound"), months.map((m) => nps.get(m)?.interval.lower ?? null));
    expectClose(series(trend, "NPS interval"), months.map((m) => { const g = nps.get(m); return g ? g.interval.upper - g.interval.lower : null; }));
    expectClose(series(trend, "CSAT"), months.map((m) => csat.get(m)?.share ?? null));
    expectClose(series(trend, "CSAT lower bound"), months.map((m) => csat.get(m)?.shareInterval.lower ?? null));
    expectClose(series(trend, "CSAT interval"), months.map((m) => { const g = csat.get(m); return g ? g.shareInterval.upper - g.shareInterval.lower : null; }));
    // datasets/nhs_fft_gp_feedback/SOURCE.md: 3,882 answers of which 19 "don't know".
    expect([...csat.values()].reduce((s, g) => s + g.n, 0)).toBe(3863);

    // The funnel: reached and dropped off per step, and the median time from the previous step.
    const funnel = charts["funnel"];
    expect(data.funnel?.entered).toBe(20); // 20 OTTO sessions (datasets/otto_sessions_sample/SOURCE.md)
    const steps = data.funnel?.steps ?? [];
    expect(steps.map((s) => s.count)).toEqual([20, 7, expect.any(Number)]); // 7 sessions with a cart (SOURCE.md)
    expect(series(funnel, "Reached")).toEqual(steps.map((s) => s.count));
    expectClose(series(funnel, "Dropped off"), steps.map((s, i) => (i === 0 ? null : s.dropOff)));
    const minutes = (d: Oracle["cartAfterClick"]) => (d?.timeToConvert ? d.timeToConvert.median / 60_000 : null);
    expectClose(series(funnel, "Median time from previous step"), [null, minutes(data.cartAfterClick), minutes(data.orderAfterCart)]);
    expect(minutes(data.cartAfterClick)).not.toBeNull();
    expect((funnel?.x[0] ?? []).map((label) => String(label).split("\n")[0])).toEqual(["Product click", "Add to cart", "Order"]);

    // Cohort retention: one cell [period, cohort row, share] per share the API returned.
    const cohorts = charts["cohorts"];
    const rows = data.cohortRetention?.rows ?? [];
    expect(rows.map((r) => r.cohort)).toEqual(["1997-01", "1997-02", "1997-03"]); // CDNOW's cohort: first purchases in Q1 1997
    expect(cohorts?.y[0]).toEqual(rows.map((r) => `${r.cohort} (n=${r.size})`));
    const cells = series(cohorts, "Retention").map((c) => (Array.isArray(c) ? c : (c as { value: number[] }).value));
    expect(cells).toEqual(rows.flatMap((r, ri) => r.shares.map((s, k) => [k, ri, s])));

    // Segment sizes, largest first; the eleven RFM segments partition the 2,357 CDNOW customers.
    const segments = charts["segments"];
    const expected = data.segments.edges.map((e) => e.node).sort((a, b) => b.memberCount - a.memberCount || a.name.localeCompare(b.name));
    expect(segments?.y[0]).toEqual(expected.map((s) => s.name));
    expect(series(segments, "Members")).toEqual(expected.map((s) => s.memberCount));
    expect(data.segments.totalCount).toBe(11);
    expect(expected.reduce((s, g) => s + g.memberCount, 0)).toBe(2357);

    // Model effectiveness: the estimates as points, their intervals as whiskers.
    const models = charts["models"];
    const report = data.modelEffectiveness;
    expect(report.n).toBe(2357);
    expect(models?.x[0]).toEqual(report.models.map((m) => `${m.model}\nn = ${m.n}`));
    for (const [metric, name] of [["retention", "Retention (bought in the period)"], ["repeatPurchase", "Repeat purchase (bought twice or more)"]] as const) {
      expectClose(series(models, name), report.models.map((m) => m[metric].estimate));
      const whiskers = series(models, `${name} interval`).map((w) => (Array.isArray(w) ? w : (w as { value: number[] }).value));
      expect(whiskers).toEqual(report.models.map((m, i) => (m[metric].interval ? [i, m[metric].interval.lower, m[metric].interval.upper] : [null, null, null])).map((w) => w.map((v) => v ?? Number.NaN)));
    }

    // A person looks at these (README: examples/dashboard/test-output/).
    await page.screenshot({ path: join(outputDir, "dashboard.png"), fullPage: true });
    for (const id of Object.keys(charts)) await page.locator(`[data-chart="${id}"]`).screenshot({ path: join(outputDir, `${id}.png`) });
    // A tooltip (canvas rich text, so the CSP has no inline style to refuse): hover a month.
    const box = await page.locator('[data-chart="trend"]').boundingBox();
    if (box) for (const f of [0.3, 0.5]) await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.3, { steps: 5 });
    await page.waitForTimeout(300);
    await page.locator('[data-chart="trend"]').screenshot({ path: join(outputDir, "trend-tooltip.png") });
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
  });

  it("should say why a chart has no data instead of drawing an empty frame", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The real API's answers, minus the funnel and the segments; model effectiveness refused as
    // the API does before any assignment is stored.
    await page.route("**/graphql", async (route) => {
      const query = String((route.request().postDataJSON() as { query?: string }).query);
      if (query.includes("modelEffectiveness")) {
        return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ errors: [{ message: "modelEffectiveness requires stored assignments: run assignEngagementModels first" }], data: null }) });
      }
      const real = (await (await route.fetch()).json()) as { data: Record<string, unknown> };
      real.data["funnel"] = null;
      real.data["segments"] = { totalCount: 0, edges: [] };
      return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(real) });
    });
    await page.goto(app.url, { waitUntil: "load" });
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
    expect(await page.locator('[data-chart="funnel"]').textContent()).toBe("No interactions recorded: no funnel.");
    expect(await page.locator('[data-chart="segments"]').textContent()).toBe("No segments stored.");
    expect(await page.locator('[data-chart="models"]').textContent()).toContain("requires stored assignments");
    const drawn = await page.evaluate(() => Object.keys((globalThis as unknown as { engagekitDashboard: { charts: object } }).engagekitDashboard.charts).sort());
    expect(drawn).toEqual(["cohorts", "trend"]);
    await page.screenshot({ path: join(outputDir, "dashboard-empty-states.png"), fullPage: true });
  });

  it("should show the API's error instead of charts when the query fails", async () => {
    const page = await browser.newPage();
    await page.route("**/graphql", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ errors: [{ message: "unknown workspace" }] }) }));
    await page.goto(app.url, { waitUntil: "load" });
    await page.waitForSelector('#status[data-state="error"]', { timeout: 30_000 });
    expect(await page.locator("#status").textContent()).toContain("unknown workspace");
    expect(await page.locator('[data-testid="csat-share"]').textContent()).toBe("–");
    expect(await page.evaluate(() => "engagekitDashboard" in globalThis)).toBe(false);
  });
});
