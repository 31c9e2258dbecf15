// Soak test of the built server (not a unit test): measures the maximum throughput of a mixed
// read/ingest workload, then runs at 70% of it for a while and reports errors, RSS growth after
// warm-up and p50/p99 latency.
//
//   npx turbo run build --output-logs=errors-only
//   node apps/server/bench/soak.mjs                    # 10 minutes at 70% (SQLite, demo data)
//   SOAK_MINUTES=3 node apps/server/bench/soak.mjs     # shorter
//   DATABASE_URL=postgres://… node apps/server/bench/soak.mjs
//
// Settings (environment): SOAK_MINUTES (10), SOAK_SHARE (0.7 of the maximum), SOAK_PROBE_S (20:
// how long the maximum is measured), SOAK_WARMUP_S (60, or a tenth of the run if shorter: RSS
// growth counts from there), SOAK_CONNECTIONS (10), ENGAGEKIT_LOG_LEVEL (info: the server logs a
// line per request, as in production). Exit code 1 when a request failed or RSS grew over 10%.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { SERVER_NODE_FLAGS } from "./serverFlags.mjs";

const appDir = resolve(import.meta.dirname, "..");
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const share = Number(process.env.SOAK_SHARE ?? 0.7);
const probeSeconds = Number(process.env.SOAK_PROBE_S ?? 20);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 10);
const durationSeconds = Math.round(minutes * 60);
const warmupSeconds = Number(process.env.SOAK_WARMUP_S ?? Math.min(60, Math.round(durationSeconds / 10)));

const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), "ek-soak-"));
const port = await freePort();
// As deployed: production mode, so every request carries an API key (the bootstrap key the first start
// prints on stderr); the per-key rate limit stays on, set above what the soak sends.
const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(appDir, "dist/index.js")], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    ENGAGEKIT_SECRET: "engagekit-soak-secret-0123456789",
    ENGAGEKIT_RATE_LIMIT: process.env.ENGAGEKIT_RATE_LIMIT ?? "100000",
    PORT: String(port),
    ENGAGEKIT_HOST: "127.0.0.1",
    ENGAGEKIT_DB_FILE: join(dir, "soak.sqlite"),
    ENGAGEKIT_LOG_LEVEL: process.env.ENGAGEKIT_LOG_LEVEL ?? "info",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let stderr = "";
const apiKey = new Promise((res) => {
  child.stderr.on("data", (d) => {
    stderr += d;
    const m = /Bootstrap admin API key[^\n]*\n\n\s+(ek_\S+)/.exec(stderr);
    if (m) res(m[1]);
  });
});
process.on("exit", () => {
  child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});
let logLines = 0;
let banner = "";
const url = await new Promise((res, rej) => {
  child.stdout.on("data", (d) => {
    const text = d.toString();
    for (const ch of text) if (ch === "\n") logLines++;
    if (!banner) {
      const m = /GraphQL on (http:\/\/\S+\/graphql)/.exec(text);
      if (m) {
        banner = m[1];
        res(m[1]);
      }
    }
  });
  child.once("exit", (code) => rej(new Error(`server exited with ${code}`)));
});
const base = url.replace(/\/graphql$/, "");
const key = await apiKey;

const READ = JSON.stringify({
  query: "{ customers(first: 20) { edges { node { id externalId journeyStage scores { engagement rfm } segments { key } } } } }",
});
const READ_SURVEY = JSON.stringify({ query: "{ csat { share shareInterval { lower upper } mean n } }" });
const INGEST = "mutation Ingest($input: [InteractionInput!]!) { recordInteractions(input: $input) { received created duplicates } }";
let ingestSeq = 0;
const ingestBody = () => {
  const batch = ingestSeq++;
  const input = Array.from({ length: 10 }, (_, i) => ({
    idempotencyKey: `soak-${process.pid}-${batch}-${i}`,
    customer: { externalId: `cdnow-${String(1 + ((batch * 10 + i) % 2357)).padStart(4, "0")}` },
    type: "page_view",
    channel: "web",
    touchpoint: "product_page",
    occurredAt: new Date(Date.UTC(2026, 10, 1) + batch * 1000).toISOString(),
  }));
  return JSON.stringify({ query: INGEST, variables: { input } });
};

let graphqlErrors = 0;
let firstError = "";
const check = (status, body) => {
  if (status !== 200 || body.includes('"errors"')) {
    graphqlErrors++;
    if (!firstError) firstError = `${status} ${body.slice(0, 300)}`;
  }
};
const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
// Two reads for one ingest batch of 10 interactions.
const requests = [
  { method: "POST", path: "/graphql", headers, body: READ, onResponse: check },
  { method: "POST", path: "/graphql", headers, setupRequest: (req) => ({ ...req, body: ingestBody() }), onResponse: check },
  { method: "POST", path: "/graphql", headers, body: READ_SURVEY, onResponse: check },
];

const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};
const run = (opts) => new Promise((res, rej) => autocannon({ url: base, connections, requests, ...opts }, (err, r) => (err ? rej(err) : res(r))));

// 1. The maximum: as fast as `connections` clients go.
await run({ duration: 5 });
const probe = await run({ duration: probeSeconds });
const max = probe.requests.average;
const probeErrors = graphqlErrors + probe.errors + probe.non2xx + probe.timeouts;
console.log(`max throughput: ${max.toFixed(1)} req/s (p50 ${probe.latency.p50} ms, p99 ${probe.latency.p99} ms, errors ${probeErrors})`);

// 2. The soak at `share` of it, sampling the server's RSS every 5 s.
graphqlErrors = 0;
const rate = Math.max(1, Math.round(max * share));
console.log(`soak: ${rate} req/s (${Math.round(share * 100)}% of max) for ${durationSeconds} s, warm-up ${warmupSeconds} s, ${connections} connections`);
const samples = [];
const t0 = Date.now();
const sampler = setInterval(() => samples.push({ s: (Date.now() - t0) / 1000, mb: rssMb() }), 5000);
const soak = await run({ duration: durationSeconds, overallRate: rate });
clearInterval(sampler);
samples.push({ s: (Date.now() - t0) / 1000, mb: rssMb() });

const afterWarmup = samples.filter((x) => x.s >= warmupSeconds);
const warm = afterWarmup[0]?.mb ?? samples[0].mb;
const final = samples.at(-1).mb;
const peak = Math.max(...afterWarmup.map((x) => x.mb));
const growth = (final - warm) / warm;
const errors = graphqlErrors + soak.errors + soak.non2xx + soak.timeouts;
const report = {
  maxReqPerSec: Math.round(max * 10) / 10,
  targetReqPerSec: rate,
  achievedReqPerSec: Math.round(soak.requests.average * 10) / 10,
  seconds: durationSeconds,
  requests: soak.requests.total,
  errors,
  ...(firstError ? { firstError } : {}),
  p50ms: soak.latency.p50,
  p99ms: soak.latency.p99,
  maxMs: soak.latency.max,
  rssMb: { atWarmup: Math.round(warm), final: Math.round(final), peakAfterWarmup: Math.round(peak), growthPct: Math.round(growth * 1000) / 10 },
  ingestedItems: ingestSeq * 10,
  serverLogLines: logLines,
};
console.log(`soak: ${report.achievedReqPerSec} req/s, ${report.requests} requests, ${errors} errors, p50 ${report.p50ms} ms, p99 ${report.p99ms} ms`);
console.log(`RSS: ${report.rssMb.atWarmup} MB after warm-up → ${report.rssMb.final} MB at the end (${report.rssMb.growthPct}%, peak ${report.rssMb.peakAfterWarmup} MB)`);
console.log(`SOAK ${JSON.stringify(report)}`);
child.kill("SIGTERM");
process.exitCode = errors === 0 && growth < 0.1 ? 0 : 1;
