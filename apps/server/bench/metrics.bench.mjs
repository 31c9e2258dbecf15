// Latency of a metrics query over 1M survey responses: NPS by month for each
// of three segments (three aliased npsBreakdown fields), through GraphQL over
// HTTP, on SQLite and on PostgreSQL. Rows are generated with a fixed seed.
// Keys: server.nps.sqlite, server.nps.postgres (no peer: latency is reported). Quick mode: 20k
// responses over 5k customers, one request without warm-up. The server is a child process, so
// peakRssMB is this driver's, not the server's.
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, openOrm } from "../dist/orm.js";
import { ensureWorkspace } from "../dist/seed.js";
import { createDatabase, findPgBin, startPostgres } from "../dist/tempPostgres.js";
import { issueApiKey } from "@engagekit/graphql";
import { BENCH_SECRET, BENCH_SERVER_ENV, emit, jsonHeaders, measure as timeRuns, pick, quick, selected } from "../../../scripts/benchKit.mjs";
import { SERVER_NODE_FLAGS } from "./serverFlags.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const appDir = resolve(here, "..");
const N = Number(process.env.BENCH_RESPONSES ?? pick(1_000_000, 20_000));
const CUSTOMERS = pick(50_000, 5_000);

/** Creates the schema, 50k customers, 3 segments and N NPS answers with SQL only (fast on both engines). */
/** The API key of the database prepared last (each database gets its own). */
let apiKey = "";

async function prepare(target) {
  const orm = await openOrm(target);
  await migrate(orm);
  const { workspaceId: ws } = await ensureWorkspace(orm, "bench", false, "");
  apiKey = (await issueApiKey(orm, "bench", { secret: BENCH_SECRET })).key;
  const conn = orm.em.getConnection();
  const pg = "url" in target;
  const series = (n) => (pg ? `generate_series(1, ${n}) as g(i)` : `(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s) as g`);
  const now = pg ? "now()" : String(Date.now());
  await conn.execute(`insert into customers (workspace_id, external_id, created_at) select ${ws}, 'c' || g.i, ${now} from ${series(CUSTOMERS)}`);
  const ids = await conn.execute(`select min(id) as lo from customers where workspace_id = ${ws}`);
  const lo = Number(ids[0].lo);
  for (const [k, key] of ["a", "b", "c"].entries()) {
    await conn.execute(`insert into segments (workspace_id, key, name, definition, created_at, updated_at) values (${ws}, '${key}', '${key}', '{}', ${now}, ${now})`);
    const seg = Number((await conn.execute(`select id from segments where key = '${key}' and workspace_id = ${ws}`))[0].id);
    // Segment k holds every (k + 2)-th customer.
    await conn.execute(`insert into segment_memberships (workspace_id, segment_id, customer_id, entered_at)
      select ${ws}, ${seg}, ${lo} + g.i - 1, ${now} from ${series(CUSTOMERS)} where g.i % ${k + 2} = 0`);
  }
  // Deterministic pseudo-random scores and times: a multiplicative hash of i.
  const start = Date.UTC(2025, 0, 1);
  const year = 365 * 86_400_000;
  const gi = pg ? "g.i::bigint" : "g.i"; // 64-bit arithmetic on both engines
  const t = pg ? `to_timestamp((${start} + ((${gi} * 2654435761) % ${year})) / 1000.0)` : `${start} + ((${gi} * 2654435761) % ${year})`;
  await conn.execute(`insert into survey_responses (workspace_id, customer_id, survey, kind, score, scale_min, scale_max, responded_at)
    select ${ws}, ${lo} + (g.i % ${CUSTOMERS}), 'rel', 'NPS', (${gi} * 7919) % 11, 0, 10, ${t} from ${series(N)}`);
  if (pg) await conn.execute("analyze");
  await orm.close(true);
}

function startServer(env) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(appDir, "dist/index.js")], {
      env: { ...process.env, ...BENCH_SERVER_ENV, PORT: "4621", HOST: "127.0.0.1", ENGAGEKIT_SEED: "false", ENGAGEKIT_DEFAULT_WORKSPACE: "bench", ENGAGEKIT_EXPIRY_INTERVAL_MS: "0", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /GraphQL on (http:\S+graphql)/.exec(out);
      if (m) resolveStart({ child, url: m[1] });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const query = `{ ${["a", "b", "c"].map((s) => `${s}: npsBreakdown(by: MONTH, filter: { segment: "${s}" }) { key nps { score n interval { lower upper } } }`).join(" ")} }`;

async function measure(label, key, env) {
  const { child, url } = await startServer(env);
  let m;
  try {
    // Median of 5 requests after 1 warm-up request (quick: one request).
    m = await timeRuns(null, async () => {
      const res = await fetch(url, { method: "POST", headers: jsonHeaders(apiKey), body: JSON.stringify({ query }) });
      return res.json();
    }, { runs: 5, warmup: 1 });
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  const body = m.out;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const n = ["a", "b", "c"].reduce((acc, s) => acc + body.data[s].reduce((a, g) => a + (g.nps?.n ?? 0), 0), 0);
  const how = quick ? "one request, no warm-up (quick mode)" : `median of ${m.times.length} requests after 1 warm-up`;
  console.log(`${label}: NPS by month × 3 segments over ${N.toLocaleString("en")} responses: median ${m.ms.toFixed(0)} ms (runs ${m.times.map((x) => x.toFixed(0)).join(", ")}); ${n.toLocaleString("en")} answers scored`);
  emit({
    key,
    workload: `NPS by month by segment, ${N >= 1e6 ? `${N / 1e6}M` : N.toLocaleString("en")} responses (${label})`,
    engagekit: Math.round(m.ms * 10) / 10,
    peer: null,
    peerValue: null,
    ratio: null,
    target: null,
    met: null,
    note: `latency of one GraphQL request (3 aliased npsBreakdown fields), ${how}; ${n.toLocaleString("en")} answers scored; no peer; the server is a child process (peakRssMB is this driver's)`,
  });
}

const dir = mkdtempSync(join(tmpdir(), "ek-metrics-"));
try {
  const file = join(dir, "metrics.sqlite");
  let t0 = performance.now();
  if (selected("server.nps.sqlite")) {
    await prepare({ sqliteFile: file });
    console.log(`SQLite prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await measure("SQLite", "server.nps.sqlite", { ENGAGEKIT_DB_FILE: file });
  }

  if (selected("server.nps.postgres")) {
    const bin = findPgBin();
    if (!bin) console.log("PostgreSQL binaries not found: skipping the PostgreSQL half");
    else {
      const pg = await startPostgres(bin);
      try {
        const url = createDatabase(pg.url, "metrics", bin);
        t0 = performance.now();
        await prepare({ url });
        console.log(`PostgreSQL prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        await measure("PostgreSQL", "server.nps.postgres", { DATABASE_URL: url });
      } finally {
        pg.stop();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
