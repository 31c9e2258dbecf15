// Points ledger: 1M earn/redeem operations (100k customers, 10 each) through the server's loyalty
// service path — applyPointsBatch in batches of 10,000: customers resolved, stored operations
// folded by the core, the batch applied by applyPointsOperations, applied rows inserted, one
// transaction per batch — against raw better-sqlite3 inserts of the same rows into the same
// migrated schema (same indexes, WAL), one prepared statement in one transaction per batch.
// Key: server.points.ledger; ratio = raw time / engagekit time (target ≥ 0.25). Quick mode: 20k operations.
// ENGAGEKIT_BENCH_POINTS_PROFILE=1 prints where the engagekit time goes (per phase totals).
import "reflect-metadata";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WorkspaceScope, applyPointsBatch, applySqlitePragmas } from "@engagekit/graphql";
import { migrate, openOrm } from "../dist/orm.js";
import { ensureWorkspace } from "../dist/seed.js";
import { emit, measure, peakRssMB, pick, selected } from "../../../scripts/benchKit.mjs";

const N = Number(process.env.BENCH_POINTS ?? pick(1_000_000, 20_000));
const CUSTOMERS = Math.max(1, Math.floor(N / 10));
const BATCH = 10_000;
const T0 = Date.UTC(2026, 0, 1);

/** Operation j: customer j mod C; every third round a redemption of 40 (the balance never goes below 60). */
function operation(j) {
  const round = Math.floor(j / CUSTOMERS);
  const redeem = round % 3 === 2;
  const at = T0 + j * 1000;
  return { customer: `c${j % CUSTOMERS}`, operation: redeem ? { kind: "redeem", key: `k${j}`, at, points: 40 } : { kind: "earn", key: `k${j}`, at, points: 50, expiresAt: null } };
}

/** A migrated SQLite file with the workspace and its customers (SQL only). */
async function prepare(file) {
  const orm = await openOrm({ sqliteFile: file });
  await migrate(orm);
  const { workspaceId } = await ensureWorkspace(orm, "bench", false, "");
  const conn = orm.em.getConnection();
  await conn.execute(`insert into customers (workspace_id, external_id, created_at)
    select ${workspaceId}, 'c' || (i - 1), ${Date.now()} from (with recursive s(i) as (select 1 union all select i + 1 from s where i < ${CUSTOMERS}) select i from s)`);
  return { orm, workspaceId };
}

if (selected("server.points.ledger")) {
  const dir = mkdtempSync(join(tmpdir(), "ek-points-"));
  try {
    // engagekit: the service path.
    const ek = await prepare(join(dir, "engagekit.sqlite"));
    const { ms: ekMs } = await measure(
      "points ledger via applyPointsBatch",
      async () => {
        for (let start = 0; start < N; start += BATCH) {
          const items = [];
          for (let j = start; j < Math.min(N, start + BATCH); j++) items.push(operation(j));
          const out = await applyPointsBatch(new WorkspaceScope(ek.orm.em.fork(), ek.workspaceId), items);
          if (out.applied !== items.length) throw new Error(`batch at ${start}: applied ${out.applied} of ${items.length}`);
        }
      },
      { runs: 1, warmup: 0 },
    );
    const stored = Number((await ek.orm.em.getConnection().execute("select count(*) as n from points_operations"))[0].n);
    if (stored !== N) throw new Error(`engagekit stored ${stored} operations, expected ${N}`);
    await ek.orm.close(true);

    // Peer: raw inserts of the same rows, customer ids looked up once up front (a plain importer's best case).
    const peer = await prepare(join(dir, "raw.sqlite"));
    await peer.orm.close(true);
    const raw = new Database(join(dir, "raw.sqlite"));
    applySqlitePragmas(raw); // the server's durability on both sides
    const idOf = new Map(raw.prepare("select external_id, id from customers").all().map((r) => [r.external_id, r.id]));
    const insert = raw.prepare("insert into points_operations (workspace_id, customer_id, key, kind, points, at, expires_at, reason, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const batch = raw.transaction((start) => {
      const now = Date.now();
      for (let j = start; j < Math.min(N, start + BATCH); j++) {
        const { customer, operation: op } = operation(j);
        insert.run(peer.workspaceId, idOf.get(customer), op.key, op.kind, op.points, op.at, null, null, now);
      }
    });
    const { ms: rawMs } = await measure(
      "points ledger via raw better-sqlite3 inserts",
      () => {
        for (let start = 0; start < N; start += BATCH) batch(start);
      },
      { runs: 1, warmup: 0 },
    );
    raw.close();
    const ratio = rawMs / ekMs;
    emit({
      key: "server.points.ledger",
      workload: `points ledger: ${N.toLocaleString("en")} earn/redeem operations (SQLite)`,
      engagekit: ekMs,
      peer: "raw better-sqlite3 inserts",
      peerValue: rawMs,
      ratio,
      target: "≥ 0.25 (raw time / engagekit time)",
      met: ratio >= 0.25,
      peakRssMB: peakRssMB(),
      note: `${Math.round(N / (ekMs / 1000)).toLocaleString("en")} ops/s through applyPointsBatch (batches of ${BATCH}); raw ${Math.round(N / (rawMs / 1000)).toLocaleString("en")} rows/s`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
