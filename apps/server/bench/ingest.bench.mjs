// Ingestion at steady state, beside api.bench.mjs's api.ingest (SQLite):
// - api.ingest.history: per-batch time when the customers already have 10, 100
//   and 1,000 events each (SQLite). Target: the batch at 1,000 costs ≤ 1.25× the
//   batch at 10 (the saved per-customer state does not grow with history).
// - api.ingest.postgres: api.ingest's workload (demo data, five segments, batches
//   of 1,000) on PostgreSQL, against raw multi-row inserts through `pg` in the same
//   run. Target ≥ 0.10 (throughput share). Skipped without PostgreSQL binaries.
// The GraphQL server is a child process (NODE_ENV=production); peakRssMB is this
// driver's. Quick mode: 1 timed round, fewer batches.
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate, openOrm } from "../dist/orm.js";
import { ensureWorkspace } from "../dist/seed.js";
import { createDatabase, findPgBin, startPostgres } from "../dist/tempPostgres.js";
import { issueApiKey } from "@engagekit/graphql";
import { BENCH_SECRET, BENCH_SERVER_ENV, emit, jsonHeaders, median, pick, quick, selected } from "../../../scripts/benchKit.mjs";
import { SERVER_NODE_FLAGS } from "./serverFlags.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const appDir = resolve(here, "..");
const runHistory = selected("api.ingest.history");
const runPostgres = selected("api.ingest.postgres");
if (!runHistory && !runPostgres) process.exit(0);
const dir = mkdtempSync(join(tmpdir(), "ek-ingest-"));
const children = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL"))); // never leave servers behind

/** The five segments of api.ingest, so membership updates have work to do. */
const SEGMENTS = {
  buyers: { type: "performed", interaction: "purchase", op: "atLeast", times: 2 },
  recent_viewers: { type: "performed", interaction: "page_view", op: "atLeast", times: 1, withinDays: 30 },
  email_engaged: { type: "performed", interaction: "email_open", op: "atLeast", times: 3 },
  never_opened: { type: "not", condition: { type: "performed", interaction: "email_open", op: "atLeast", times: 1 } },
  vip: { type: "all", conditions: [{ type: "performed", interaction: "purchase", op: "atLeast", times: 5 }, { type: "performed", interaction: "email_open", op: "atLeast", times: 1 }] },
};
/** Touchpoints of the demo journey map, each with a type it emits and its own channel. */
const KINDS = [{ type: "page_view", channel: "web", touchpoint: "product_page" }, { type: "email_open", channel: "email", touchpoint: "newsletter" }, { type: "purchase", channel: "web", touchpoint: "checkout" }];
const mutation = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`;

function startServer(env) {
  return new Promise((resolveStart, reject) => {
    const prof = process.env.ENGAGEKIT_BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.ENGAGEKIT_BENCH_PROF}`] : [];
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...prof, join(appDir, "dist/index.js")], {
      env: { ...process.env, ...BENCH_SERVER_ENV, PORT: "0", HOST: "127.0.0.1", ENGAGEKIT_SEED: "false", ENGAGEKIT_EXPIRY_INTERVAL_MS: "0", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /GraphQL on (http:\S+graphql)/.exec(out);
      if (m) resolveStart({ child, url: m[1] });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** CPU time (user + system, ms) of a process so far, from /proc (Linux; null elsewhere): steadier than wall time on a shared machine. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (CLK_TCK 100)
  } catch {
    return null;
  }
}

/** The API key of the database prepared last (each database gets its own). */
let apiKey = "";

async function send(url, input) {
  const r = await (await fetch(url, { method: "POST", headers: jsonHeaders(apiKey), body: JSON.stringify({ query: mutation, variables: { input } }) })).json();
  if (r.errors) throw new Error(JSON.stringify(r.errors).slice(0, 500));
}

// 1. History: three groups of customers with 10, 100 and 1,000 prior events each.
if (runHistory) {
  const file = join(dir, "history.sqlite");
  const orm = await openOrm({ sqliteFile: file });
  await migrate(orm);
  const { workspaceId } = await ensureWorkspace(orm, "demo", false, resolve(appDir, "../../datasets"));
  apiKey = (await issueApiKey(orm, "demo", { secret: BENCH_SECRET })).key;
  await orm.close(true);
  const db = new Database(file);
  const now = Date.now();
  const ins = db.prepare("insert into segments (workspace_id, key, name, definition, created_at, updated_at) values (?, ?, ?, ?, ?, ?)");
  for (const [k, def] of Object.entries(SEGMENTS)) ins.run(workspaceId, k, k, JSON.stringify(def), now, now);
  db.close();
  const server = await startServer({ ENGAGEKIT_DB_FILE: file });
  const PER_GROUP = 50;
  const HISTORIES = [10, 100, 1000];
  const DAY = 86_400_000;
  const start = now - 3 * 365 * DAY; // prior events spread over three years, up to a day ago
  const ext = (h, c) => `hist-${h}-${String(c).padStart(3, "0")}`;
  // The first event of each customer through the API creates it; the rest go in raw (fast), then the
  // saved states are cleared so the untimed warm-up rebuilds each from its whole history.
  await send(server.url, HISTORIES.flatMap((h) => Array.from({ length: PER_GROUP }, (_, c) => ({ idempotencyKey: `${ext(h, c)}-0`, customer: { externalId: ext(h, c) }, ...KINDS[c % 3], occurredAt: new Date(start).toISOString() }))));
  {
    const raw = new Database(file);
    const ids = new Map(raw.prepare("select id, external_id from customers where workspace_id = ?").all(workspaceId).map((r) => [r.external_id, r.id]));
    const put = raw.prepare("insert into interactions (workspace_id, customer_id, idempotency_key, type, channel, touchpoint, occurred_at, properties, value) values (?, ?, ?, ?, ?, ?, ?, null, null)");
    raw.transaction(() => {
      for (const h of HISTORIES) {
        for (let c = 0; c < PER_GROUP; c++) {
          const id = ids.get(ext(h, c));
          for (let e = 1; e < h; e++) {
            const k = KINDS[(c + e) % 3];
            put.run(workspaceId, id, `${ext(h, c)}-${e}`, k.type, k.channel, k.touchpoint, Math.round(start + ((now - DAY - start) * e) / h));
          }
        }
      }
    })();
    raw.prepare("update customers set state = null where workspace_id = ?").run(workspaceId);
    raw.close();
  }
  // Each batch: 1,000 events over one group's 50 customers (20 each), dated after every prior event.
  let seq = 0;
  const batch = (h) => {
    const b = seq++;
    return Array.from({ length: 1000 }, (_, i) => ({
      idempotencyKey: `live-${h}-${b}-${i}`,
      customer: { externalId: ext(h, i % PER_GROUP) },
      ...KINDS[i % 3],
      occurredAt: new Date(now - DAY / 2 + b * 1000 + i).toISOString(),
      properties: { i },
    }));
  };
  const warm = quick ? 1 : 2;
  for (let w = 0; w < warm; w++) for (const h of HISTORIES) await send(server.url, batch(h));
  const rounds = pick(9, 1);
  const times = new Map(HISTORIES.map((h) => [h, []]));
  const cpu = new Map(HISTORIES.map((h) => [h, 0]));
  // Interleaved, in a rotating order, so drift on a shared machine and position in a round hit every group alike.
  for (let r = 0; r < rounds; r++) {
    for (const h of [...HISTORIES.slice(r % 3), ...HISTORIES.slice(0, r % 3)]) {
      const input = batch(h);
      const c0 = cpuMs(server.child.pid);
      const t0 = performance.now();
      await send(server.url, input);
      times.get(h).push(performance.now() - t0);
      const c1 = cpuMs(server.child.pid);
      if (c0 !== null && c1 !== null) cpu.set(h, cpu.get(h) + c1 - c0);
    }
  }
  server.child.kill("SIGTERM");
  const ms = HISTORIES.map((h) => median(times.get(h)));
  const growth = ms[2] / ms[0];
  const cpuPer = HISTORIES.map((h) => cpu.get(h) / rounds);
  const cpuGrowth = cpuPer[0] > 0 ? cpuPer[2] / cpuPer[0] : null;
  console.log(`server CPU per batch: ${HISTORIES.map((h, i) => `${h} → ${cpuPer[i].toFixed(1)} ms`).join(", ")}; 1,000 vs 10: ${cpuGrowth?.toFixed(3)}×`);
  for (const h of HISTORIES) console.log(`  ${h} prior events: ${times.get(h).map((t) => t.toFixed(0)).join(" / ")} ms`);
  console.log(`ingestion by history: ${HISTORIES.map((h, i) => `${h} prior events ${ms[i].toFixed(1)} ms`).join(", ")} per batch of 1,000; 1,000 vs 10: ${growth.toFixed(3)}×`);
  emit({
    key: "api.ingest.history",
    workload: "ingestion, batch of 1,000 into customers with 1,000 prior events each",
    unit: "ms",
    engagekit: Math.round(ms[2] * 10) / 10,
    peer: "same batch into customers with 10 prior events",
    peerValue: Math.round(ms[0] * 10) / 10,
    ratio: Math.round(growth * 1000) / 1000,
    target: "≤ 1.25 (per-batch time independent of history length)",
    met: growth <= 1.25,
    note: `SQLite; 3 groups of ${PER_GROUP} customers with 10, 100, 1,000 prior events over 3 years (saved states rebuilt from the whole history in ${warm} untimed warm-up round(s)); each batch 1,000 events, 20 per customer of one group; median of ${rounds} interleaved rounds: 10 → ${ms[0].toFixed(1)} ms, 100 → ${ms[1].toFixed(1)} ms, 1,000 → ${ms[2].toFixed(1)} ms; server CPU per batch (from /proc, 10 ms ticks summed over the rounds) ${cpuPer.map((c) => c.toFixed(1)).join(" / ")} ms, growth ${cpuGrowth?.toFixed(3)}×; 5 segments, stage, rung and score kept current`,
  });
}

// 2. PostgreSQL: api.ingest's workload against raw multi-row inserts through pg.
if (runPostgres) {
  const bin = findPgBin();
  if (!bin) console.log("PostgreSQL binaries not found: skipping api.ingest.postgres");
  else {
    const cluster = await startPostgres(bin);
    try {
      const url = createDatabase(cluster.url, "ingest", bin);
      const orm = await openOrm({ url });
      await migrate(orm);
      const { workspaceId } = await ensureWorkspace(orm, "demo", true, resolve(appDir, "../../datasets"));
      apiKey = (await issueApiKey(orm, "demo", { secret: BENCH_SECRET })).key;
      await orm.close(true);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const [k, def] of Object.entries(SEGMENTS)) {
        await client.query("insert into segments (workspace_id, key, name, definition, created_at, updated_at) values ($1, $2, $3, $4, now(), now())", [workspaceId, k, k, JSON.stringify(def)]);
      }
      const server = await startServer({ DATABASE_URL: url });
      const mk = (b) => Array.from({ length: 1000 }, (_, i) => ({
        idempotencyKey: `bench-${b}-${i}`, customer: { externalId: `cdnow-${String(1 + ((b * 1000 + i) % 2357)).padStart(4, "0")}` },
        ...KINDS[i % 3], occurredAt: new Date(Date.UTC(2026, 0, 1) + (b * 1000 + i) * 1000).toISOString(), properties: { i },
      }));
      const batches = pick(20, 2);
      const warmBatches = quick ? 0 : 3; // every demo customer touched once, as in api.ingest
      await client.query("create table raw_interactions (id serial primary key, workspace_id int not null, customer_id int not null, idempotency_key varchar(191) not null, type varchar(64) not null, channel varchar(64) not null, touchpoint varchar(191), occurred_at timestamptz not null, properties jsonb, value double precision, unique (workspace_id, idempotency_key))");
      const row = (_, i) => `($${i * 8 + 1}, $${i * 8 + 2}, $${i * 8 + 3}, $${i * 8 + 4}, $${i * 8 + 5}, $${i * 8 + 6}, $${i * 8 + 7}, $${i * 8 + 8})`;
      const sql = `insert into raw_interactions (workspace_id, customer_id, idempotency_key, type, channel, touchpoint, occurred_at, properties) values ${Array.from({ length: 1000 }, row).join(", ")}`;
      const insertBatch = async (b) => {
        const params = mk(b).flatMap((x) => [1, Number(x.customer.externalId.slice(6)), x.idempotencyKey, x.type, x.channel, x.touchpoint, x.occurredAt, JSON.stringify(x.properties)]);
        await client.query("begin");
        await client.query(sql, params);
        await client.query("commit");
      };
      for (let b = 0; b < warmBatches; b++) {
        await send(server.url, mk(b));
        await insertBatch(b);
      }
      // Interleaved batch by batch, so load from other processes hits both sides alike.
      let gqlMs = 0;
      let rawMs = 0;
      for (let b = warmBatches; b < warmBatches + batches; b++) {
        let t0 = performance.now();
        await send(server.url, mk(b));
        gqlMs += performance.now() - t0;
        t0 = performance.now();
        await insertBatch(b);
        rawMs += performance.now() - t0;
      }
      server.child.kill("SIGTERM");
      const gqlRate = (batches * 1000) / (gqlMs / 1000);
      const rawRate = (batches * 1000) / (rawMs / 1000);
      await client.end();
      const ratio = gqlRate / rawRate;
      console.log(`ingestion on PostgreSQL: GraphQL ${gqlRate.toFixed(0)} interactions/s vs raw pg multi-row inserts ${rawRate.toFixed(0)}/s = ${ratio.toFixed(4)}`);
      emit({
        key: "api.ingest.postgres",
        workload: "ingestion, batches of 1,000 (PostgreSQL)",
        unit: "items/s",
        engagekit: Math.round(gqlRate),
        peer: "raw pg multi-row inserts (one 1,000-row INSERT per transaction)",
        peerValue: Math.round(rawRate),
        ratio: Math.round(ratio * 10000) / 10000,
        target: "≥ 0.10 (throughput share)",
        met: ratio >= 0.1,
        note: `${batches} batches each, sequential, interleaved batch by batch with the raw peer, ${warmBatches > 0 ? `after ${warmBatches} untimed warm-up batches on both sides (every demo customer touched once)` : "no warm-up (quick mode)"}; 5 segments, stage, rung and score kept current in the same transaction; PostgreSQL 15 cluster of tempPostgres (fsync off on both sides); the GraphQL server is a child process`,
      });
    } finally {
      cluster.stop();
    }
  }
}

rmSync(dir, { recursive: true, force: true });
