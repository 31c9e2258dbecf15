// Journey benchmark: a 4-step funnel (7-day window) and stage inference over a synthetic
// interaction log, against the same computation written as DuckDB SQL (window functions)
// over the same rows. Identity stitching is in journey.identity.bench.mjs (own process, clean heap).
//
// Generator (seeded, mulberry32), shape fitted roughly to the two real sets we have:
// - events per customer: discrete log-normal, median 4 (OTTO sample: median 4 events per session
//   over 20 sessions) with σ = 1.354 so that mean/median = exp(σ²/2) = 2.5 (mean ≈ 10 → 5M events
//   for 500k customers), capped at 400.
// - inter-event gap: 85% within a visit, exponential with median 40 s (OTTO: median gap 39.5 s);
//   15% a new visit, exponential with mean 2 days (OTTO: 14.7% of gaps exceed 30 min, p99 ≈ 5 days).
//   Every gap is at least 1 ms, so timestamps are strictly increasing per customer.
// - event mix: page_view 0.20, product_view 0.664, email_open 0.04, email_click 0.024,
//   add_to_cart 0.06, purchase 0.012 (OTTO: clicks 92.8%, carts 6.0%, orders 1.2% of events; the
//   clicks split into page and product views). Journeys start uniformly over 90 days.
// - channel: email types on email; others web 0.62 / mobile_app 0.38. Online Shoppers Intention
//   (UCI 468) converts 15.5% of sessions; the realised customer-level purchase rate is printed.
// Funnel: page_view → product_view → add_to_cart → purchase, ordered, 7 days.
//
// Fairness: loading is excluded on both sides. engagekit reads typed-array columns already grouped
// by customer in time order (as the generator emits them; computeFunnelColumnar checks this in O(n)
// and would sort otherwise). DuckDB reads the same rows from an in-memory table loaded from a temp CSV
// (customer INTEGER, ts BIGINT ms, type INTEGER code, channel INTEGER code); it must sort inside its
// window functions and uses its default 2 threads, engagekit one. Both return the per-step counts and
// the median and p90 time to convert; the bench checks the counts are equal.
//
// Sizes: 5M events / 500k customers (quick: 50k / 5k); under the scaling driver the 1× base is 1/16
// of that and ENGAGEKIT_BENCH_SIZE multiplies it. Workload keys: journey.funnel, journey.stages.
// engagekit and DuckDB run in this one process, so peakRssMB covers both.
import { DuckDBInstance } from "@duckdb/node-api";
import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ek from "../dist/index.js";
import { emit, measure, peakRssMB, pick, selected } from "../../../scripts/benchKit.mjs";
import { mulberry32, round, runsNote, scaled, withHeapGrowth, writeCsv } from "./_common.mjs";

const CUSTOMERS = scaled(Number(process.env.EK_CUSTOMERS ?? pick(500_000, 5_000)));
const TARGET_EVENTS = scaled(Number(process.env.EK_EVENTS ?? pick(5_000_000, 50_000)));
const RUNS = Number(process.env.EK_RUNS ?? 5);
const DAY = 86_400_000;
const TYPES = ["page_view", "product_view", "email_open", "email_click", "add_to_cart", "purchase"];
const MIX = [0.2, 0.664, 0.04, 0.024, 0.06, 0.012];
const CHANNELS = ["web", "mobile_app", "email"];
const TPS = ["landing", "product_page", "newsletter", "newsletter_link", "cart", "checkout"];

export function generate(customers, targetEvents, seed = 42) {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const sigma = 1.354;
  const mu = Math.log(4) + Math.log(targetEvents / customers / 10); // rescale the median if the mean target differs from 10
  const counts = new Int32Array(customers);
  let n = 0;
  for (let c = 0; c < customers; c++) {
    const k = Math.min(400, Math.max(1, Math.round(Math.exp(mu + sigma * normal()))));
    counts[c] = k;
    n += k;
  }
  const cum = [];
  let acc = 0;
  for (const p of MIX) cum.push((acc += p));
  const customer = new Int32Array(n);
  const timestamp = new Float64Array(n);
  const type = new Int32Array(n);
  const touchpoint = new Int32Array(n);
  const channel = new Int32Array(n);
  const t0 = Date.UTC(2024, 0, 1);
  let r = 0;
  for (let c = 0; c < customers; c++) {
    let t = t0 + Math.floor(rnd() * 90 * DAY);
    const appUser = rnd() < 0.38;
    for (let i = 0; i < counts[c]; i++) {
      if (i > 0) {
        const u = 1 - rnd();
        t += Math.max(1, Math.round(rnd() < 0.85 ? (-Math.log(u) * 40_000) / Math.LN2 : -Math.log(u) * 2 * DAY));
      }
      const x = rnd();
      let ty = 0;
      while (ty < cum.length - 1 && x >= cum[ty]) ty++;
      customer[r] = c;
      timestamp[r] = t;
      type[r] = ty;
      touchpoint[r] = ty;
      channel[r] = ty === 2 || ty === 3 ? 2 : appUser ? 1 : 0;
      r++;
    }
  }
  return {
    length: n,
    customer,
    timestamp,
    type,
    touchpoint,
    channel,
    dictionaries: { customer: Array.from({ length: customers }, (_, i) => `c${i}`), type: TYPES, touchpoint: TPS, channel: CHANNELS },
  };
}

const mb = (b) => (b / 1048576).toFixed(0);
const runFunnel = selected("journey.funnel");
const runStages = selected("journey.stages");
if (!runFunnel && !runStages) process.exit(0);

const tGen = performance.now();
const cols = generate(CUSTOMERS, TARGET_EVENTS);
console.log(`generated ${cols.length} events for ${CUSTOMERS} customers in ${(performance.now() - tGen).toFixed(0)} ms; heap ${mb(process.memoryUsage().heapUsed)} MB, arrays ${mb(cols.length * 24)} MB`);
{
  const buyers = new Uint8Array(CUSTOMERS);
  const mix = new Float64Array(TYPES.length);
  for (let i = 0; i < cols.length; i++) {
    mix[cols.type[i]]++;
    if (cols.type[i] === 5) buyers[cols.customer[i]] = 1;
  }
  console.log(`realised mix: ${TYPES.map((t, i) => `${t} ${(mix[i] / cols.length).toFixed(3)}`).join(", ")}; customers with a purchase ${(buyers.reduce((a, b) => a + b, 0) / CUSTOMERS).toFixed(3)}`);
}

const W = 7 * DAY;
const funnelDef = {
  steps: [
    { id: "landing", match: { type: "page_view" } },
    { id: "product", match: { type: "product_view" } },
    { id: "cart", match: { type: "add_to_cart" } },
    { id: "purchase", match: { type: "purchase" } },
  ],
  windowMs: W,
  mode: "ordered",
};

const sizeLabel = `${cols.length} events, ${CUSTOMERS} customers`;
const runOpts = { runs: RUNS, warmup: 1 };

let ekFunnel;
let ekFunnelHeap;
let rssAfterEk;
if (runFunnel) {
  globalThis.gc?.();
  ekFunnelHeap = withHeapGrowth(() => ek.computeFunnelColumnar(cols, funnelDef));
  ekFunnel = await measure("engagekit computeFunnelColumnar (4 steps, 7 d)", ekFunnelHeap.fn, runOpts);
  console.log(`  counts ${ekFunnel.out.steps.map((s) => s.count).join(" → ")}; time to convert median ${(ekFunnel.out.timeToConvert?.median / 3600000).toFixed(2)} h, p90 ${(ekFunnel.out.timeToConvert?.p90 / 3600000).toFixed(2)} h; heap growth of one call ${ekFunnelHeap.mb()} MB`);
  rssAfterEk = peakRssMB();
  console.log(`  peak RSS so far (generator + engagekit): ${rssAfterEk} MB`);
}

// --- DuckDB
const dir = mkdtempSync(join(tmpdir(), "ekjourney-"));
const csvPath = join(dir, "events.csv");
writeCsv(csvPath, null, cols.length, (i) => `${cols.customer[i]},${cols.timestamp[i]},${cols.type[i]},${cols.channel[i]}`);
const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
const tLoad = performance.now();
await con.run(`CREATE TABLE events AS SELECT * FROM read_csv('${csvPath}', header=false, columns={'customer':'INTEGER','ts':'BIGINT','type':'INTEGER','channel':'INTEGER'})`);
console.log(`duckdb load (excluded): ${(performance.now() - tLoad).toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });

if (runFunnel) {
  // The latest-start recurrence of the engagekit kernel, one window pass per step.
  const prev = "(PARTITION BY customer ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
  const funnelSql = `
  WITH e AS (SELECT customer, ts, type FROM events WHERE type IN (0, 1, 4, 5)),
  l1 AS (SELECT *, max(CASE WHEN type = 0 THEN ts END) OVER ${prev} AS s1 FROM e),
  l2 AS (SELECT *, max(CASE WHEN type = 1 AND ts - s1 <= ${W} THEN s1 END) OVER ${prev} AS s2 FROM l1),
  l3 AS (SELECT *, max(CASE WHEN type = 4 AND ts - s2 <= ${W} THEN s2 END) OVER ${prev} AS s3 FROM l2),
  per AS (
    SELECT customer,
      max(CASE WHEN type = 5 AND ts - s3 <= ${W} THEN 4 WHEN type = 4 AND ts - s2 <= ${W} THEN 3
               WHEN type = 1 AND ts - s1 <= ${W} THEN 2 WHEN type = 0 THEN 1 ELSE 0 END) AS level,
      arg_min(ts - s3, ts) FILTER (WHERE type = 5 AND ts - s3 <= ${W}) AS ttc
    FROM l3 GROUP BY customer)
  SELECT count(*) FILTER (WHERE level >= 1)::INTEGER AS c1, count(*) FILTER (WHERE level >= 2)::INTEGER AS c2,
         count(*) FILTER (WHERE level >= 3)::INTEGER AS c3, count(*) FILTER (WHERE level >= 4)::INTEGER AS c4,
         quantile_cont(ttc, 0.5)::DOUBLE AS med, quantile_cont(ttc, 0.9)::DOUBLE AS p90
  FROM per`;
  // The same funnel as ASOF joins: greedy earliest next step from every step-1 event, best attempt per
  // customer (the oracle's definition). The faster of the two formulations is the peer.
  const asofSql = `
  WITH s0 AS (SELECT customer, ts AS t1 FROM events WHERE type = 0),
  s1 AS (SELECT customer, ts FROM events WHERE type = 1),
  s2 AS (SELECT customer, ts FROM events WHERE type = 4),
  s3 AS (SELECT customer, ts FROM events WHERE type = 5),
  j1 AS (SELECT s0.customer, t1, s1.ts AS t2 FROM s0 ASOF LEFT JOIN s1 ON s0.customer = s1.customer AND s1.ts > s0.t1),
  j2 AS (SELECT j1.customer, t1, t2, s2.ts AS t3 FROM j1 ASOF LEFT JOIN s2 ON j1.customer = s2.customer AND s2.ts > j1.t2),
  j3 AS (SELECT j2.customer, t1, t2, t3, s3.ts AS t4 FROM j2 ASOF LEFT JOIN s3 ON j2.customer = s3.customer AND s3.ts > j2.t3),
  lv AS (SELECT customer, t1, t4, CASE WHEN t4 - t1 <= ${W} AND t3 - t1 <= ${W} AND t2 - t1 <= ${W} THEN 4 WHEN t3 - t1 <= ${W} AND t2 - t1 <= ${W} THEN 3
    WHEN t2 - t1 <= ${W} THEN 2 ELSE 1 END AS level FROM j3),
  per AS (SELECT customer, max(level) AS level, arg_min(t4 - t1, [t4, -t1]) FILTER (WHERE level = 4) AS ttc FROM lv GROUP BY customer)
  SELECT count(*)::INTEGER AS c1, count(*) FILTER (WHERE level >= 2)::INTEGER AS c2, count(*) FILTER (WHERE level >= 3)::INTEGER AS c3,
    count(*) FILTER (WHERE level >= 4)::INTEGER AS c4, quantile_cont(ttc, 0.5)::DOUBLE AS med, quantile_cont(ttc, 0.9)::DOUBLE AS p90
  FROM per`;
  const duckWindow = await measure("duckdb funnel SQL (window functions)", async () => (await con.runAndReadAll(funnelSql)).getRowObjects()[0], runOpts);
  const duckAsof = await measure("duckdb funnel SQL (ASOF joins)", async () => (await con.runAndReadAll(asofSql)).getRowObjects()[0], runOpts);
  const asofSame = ["c1", "c2", "c3", "c4", "med", "p90"].every((k) => duckAsof.out[k] === duckWindow.out[k]);
  console.log(`  ASOF and window formulations agree: ${asofSame}`);
  if (!asofSame) process.exitCode = 1;
  const duckFunnel = duckAsof.ms < duckWindow.ms ? duckAsof : duckWindow;
  const dc = duckFunnel.out;
  const ekCounts = ekFunnel.out.steps.map((s) => s.count);
  const duckCounts = [dc.c1, dc.c2, dc.c3, dc.c4];
  const same = duckCounts.every((c, i) => c === ekCounts[i]) && Math.abs(dc.med - ekFunnel.out.timeToConvert.median) < 1e-6 && Math.abs(dc.p90 - ekFunnel.out.timeToConvert.p90) < 1e-6;
  console.log(`  duckdb counts ${duckCounts.join(" → ")}; median ${(dc.med / 3600000).toFixed(2)} h, p90 ${(dc.p90 / 3600000).toFixed(2)} h; identical to engagekit: ${same}`);
  if (!same) process.exitCode = 1;
  const ratio = ekFunnel.ms / duckFunnel.ms;
  emit({
    key: "journey.funnel",
    workload: `journey funnel 4 steps 7d (${sizeLabel})`,
    engagekit: round(ekFunnel.ms, 1),
    peer: "duckdb",
    peerValue: round(duckFunnel.ms, 1),
    ratio: round(ratio),
    target: "≤ 1.0",
    met: ratio <= 1,
    heapGrowthMB: ekFunnelHeap.mb(),
    note: `ordered, best attempt per customer on both sides, counts and median/p90 equal=${same}; peer = faster of window-function (${duckWindow.ms.toFixed(0)} ms) and ASOF-join (${duckAsof.ms.toFixed(0)} ms) SQL; ${runsNote(RUNS)} each; load excluded; engagekit 1 thread on pre-grouped typed arrays, duckdb 2 threads; engagekit heap growth of one call ${ekFunnelHeap.mb()} MB; peak RSS ${rssAfterEk} MB after engagekit, ${peakRssMB()} MB with duckdb (one process)`,
  });
}

if (runStages) {
  // --- Stage inference. Promotion-only rules, so that the same result is one GROUP BY in SQL:
  // any event → awareness; product view / add to cart / email click → consideration; 1st purchase →
  // conversion; 2nd purchase → retention. Both sides return each customer's final stage and since when.
  const stageRules = {
    stages: ["awareness", "consideration", "conversion", "retention"],
    rules: [
      { to: "awareness", when: {}, reason: "first interaction" },
      { to: "consideration", when: { type: ["product_view", "add_to_cart", "email_click"] }, reason: "intent" },
      { to: "conversion", when: { type: "purchase" }, reason: "first purchase" },
      { to: "retention", when: { type: "purchase" }, minCount: 2, reason: "repeat purchase" },
    ],
  };
  const summarizeStages = (r) => {
    const counts = [0, 0, 0, 0];
    let sinceSum = 0;
    for (let c = 0; c < r.stage.length; c++) {
      counts[r.stage[c]]++;
      sinceSum += (r.since[c] - Date.UTC(2024, 0, 1)) / 1000;
    }
    return { counts, sinceSum, transitions: r.transitions.to.length };
  };
  globalThis.gc?.();
  const ekStagesHeap = withHeapGrowth(() => summarizeStages(ek.inferJourneyStagesColumnar(cols, stageRules)));
  const ekStages = await measure("engagekit inferJourneyStagesColumnar (4 promotion rules)", ekStagesHeap.fn, runOpts);
  console.log(`  final stages ${ekStages.out.counts.join(" / ")}; ${ekStages.out.transitions} transitions recorded; heap growth of one call ${ekStagesHeap.mb()} MB`);
  const stageSql = `
  WITH per AS (
    SELECT customer,
      min(ts) AS t_any,
      min(ts) FILTER (WHERE type IN (1, 3, 4)) AS t_intent,
      min(ts, 2) FILTER (WHERE type = 5) AS t_buy
    FROM events GROUP BY customer),
  st AS (
    SELECT CASE WHEN len(t_buy) >= 2 THEN 3 WHEN len(t_buy) = 1 THEN 2 WHEN t_intent IS NOT NULL THEN 1 ELSE 0 END AS stage,
      CASE WHEN len(t_buy) >= 2 THEN list_sort(t_buy)[2] WHEN len(t_buy) = 1 THEN t_buy[1] WHEN t_intent IS NOT NULL THEN t_intent ELSE t_any END AS since
    FROM per)
  SELECT stage::INTEGER AS stage, count(*)::INTEGER AS n, sum((since - ${Date.UTC(2024, 0, 1)}) / 1000.0)::DOUBLE AS since_sum FROM st GROUP BY stage ORDER BY stage`;
  const duckStages = await measure("duckdb stage SQL (one GROUP BY)", async () => (await con.runAndReadAll(stageSql)).getRowObjects(), runOpts);
  const dCounts = [0, 0, 0, 0];
  let dSince = 0;
  for (const row of duckStages.out) {
    dCounts[row.stage] = row.n;
    dSince += row.since_sum;
  }
  const sameStages = dCounts.every((c, i) => c === ekStages.out.counts[i]) && Math.abs(dSince - ekStages.out.sinceSum) < 1e-6 * Math.abs(dSince);
  console.log(`  duckdb final stages ${dCounts.join(" / ")}; identical (counts, Σ since): ${sameStages}`);
  if (!sameStages) process.exitCode = 1;
  globalThis.gc?.();
  const asOf = Date.UTC(2024, 6, 1);
  const ekDefault = await measure(
    "engagekit inferJourneyStagesColumnar (defaultStageRules with lapses, asOf 2024-07-01)",
    () => {
      const r = ek.inferJourneyStagesColumnar(cols, ek.defaultStageRules, { asOf });
      let demotions = 0;
      for (let k = 0; k < r.transitions.to.length; k++) if (r.transitions.to[k] < r.transitions.from[k]) demotions++;
      return { demotions, transitions: r.transitions.to.length };
    },
    runOpts,
  );
  console.log(`  ${ekDefault.out.transitions} transitions, ${ekDefault.out.demotions} demotions (lapses); no SQL peer (the count reset after a lapse is sequential)`);
  const ratio = ekStages.ms / duckStages.ms;
  emit({
    key: "journey.stages",
    workload: `journey stage inference (${sizeLabel})`,
    engagekit: round(ekStages.ms, 1),
    peer: "duckdb",
    peerValue: round(duckStages.ms, 1),
    ratio: round(ratio),
    target: "≤ 1.0",
    met: ratio <= 1,
    heapGrowthMB: ekStagesHeap.mb(),
    note: `promotion-only rules so SQL is one GROUP BY; final stage and since equal=${sameStages}; engagekit also records every transition; ${runsNote(RUNS)} each; default rules with lapses ${ekDefault.ms.toFixed(1)} ms (no peer); engagekit heap growth of one call ${ekStagesHeap.mb()} MB; peak RSS covers the generator, engagekit and duckdb in one process`,
  });
}
