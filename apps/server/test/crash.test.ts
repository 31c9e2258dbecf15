import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { SQLITE_PRAGMAS, type DatabaseTarget } from "@engagekit/graphql";
import { migrate, openOrm } from "../src/orm.js";
import { databases, freshTarget, startServerProcess, type ServerProcess } from "./harness.js";
import { expectEachItemOnce, loadBatch, prng, send, type Ack, type LoadBatch } from "./ingestLoad.js";
import { expectSavedStateIsReplay } from "./stateReplay.js";

/**
 * Durability (issue 16): a server process ingesting under load is killed
 * with SIGKILL at seeded random moments and restarted each time; the client
 * retries every batch it got no answer for, with the same keys. Afterwards
 * every acknowledged item is stored exactly once and each customer's saved
 * state equals a replay of its history. Runs on a real SQLite file (WAL,
 * synchronous = FULL) and on PostgreSQL.
 */

const KILLS = 20;
const SEED = Number(process.env.ENGAGEKIT_CRASH_SEED ?? 1604);
/** Requests in flight at once. */
const CONCURRENCY = 3;

describe("SQLite durability settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "ek-pragma-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("should open every connection in WAL with synchronous = FULL and secure_delete on", async () => {
    const orm = await openOrm({ sqliteFile: join(dir, "p.sqlite") });
    await migrate(orm);
    const conn = orm.em.getConnection();
    const pragma = async (name: string) => Object.values((await conn.execute<Record<string, unknown>[]>(`pragma ${name}`))[0] ?? {})[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("synchronous")).toBe(2); // FULL
    expect(await pragma("secure_delete")).toBe(1);
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(SQLITE_PRAGMAS).toEqual(["journal_mode = WAL", "synchronous = FULL", "secure_delete = ON", "busy_timeout = 5000"]);
    await orm.close(true);
  });
});

function envOf(target: DatabaseTarget): Record<string, string> {
  return "url" in target ? { DATABASE_URL: target.url } : { ENGAGEKIT_DB_FILE: target.sqliteFile };
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`crash test on ${db.name}`, () => {
    it(`should keep every acknowledged item exactly once, and the saved state a replay, across ${KILLS} SIGKILLs`, async () => {
      const { target, cleanup } = freshTarget(db.name);
      const env = { ...envOf(target), HOST: "127.0.0.1", ENGAGEKIT_SEED: "false", ENGAGEKIT_EXPIRY_INTERVAL_MS: "0" };
      // Batch contents from one seeded stream, kill moments from another (their interleaving depends on timing).
      const random = prng(SEED);
      const moments = prng(SEED + 1);
      const prefix = `crash${db.name}`;
      const batches: LoadBatch[] = [];
      const acks: Ack[] = [];
      const retries: LoadBatch[] = [];
      let unanswered = 0;
      let server: ServerProcess = await startServerProcess(env);
      // Resolved while a server is up; replaced by a pending promise while it is down.
      let up: Promise<void> = Promise.resolve();
      let stopping = false;
      let finished = false;
      // A failed or timed-out run must leave neither a server nor a worker behind.
      onTestFinished(() => {
        finished = true;
        if (server.child.exitCode === null) server.child.kill("SIGKILL");
      });
      let restarting = 0;
      let inFlight = 0;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const started = performance.now();

      const worker = async () => {
        while (!finished) {
          await up;
          let batch = retries.shift();
          if (!batch && !stopping) batches.push((batch = loadBatch(random, prefix, batches.length, 40)));
          if (!batch) return;
          inFlight++;
          const ack = await send(server.url, batch).finally(() => inFlight--);
          if (ack) acks.push(ack);
          else {
            unanswered++;
            retries.push(batch);
            // Wait for the restart before retrying (the kill is what failed this request).
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const workers = Array.from({ length: CONCURRENCY }, worker);

      try {
        for (let k = 0; k < KILLS; k++) {
          // Random moment while the load runs: once this server acknowledged a batch, 30–330 ms later,
          // with a request in flight (so a loaded machine still kills mid-ingestion, not between requests).
          const acked = acks.length;
          while (acks.length === acked) await sleep(5);
          await sleep(30 + Math.floor(moments() * 300));
          while (inFlight === 0) await sleep(1);
          let release!: () => void;
          up = new Promise<void>((r) => (release = r));
          server.child.kill("SIGKILL");
          await server.exited;
          const t0 = performance.now();
          server = await startServerProcess(env);
          restarting += performance.now() - t0;
          release();
        }
        stopping = true;
        await Promise.all(workers);
        // Drain what the last kill left unanswered.
        while (retries.length > 0) {
          const batch = retries.shift() as LoadBatch;
          const ack = await send(server.url, batch);
          expect(ack, `batch ${batch.id} after the last restart`).not.toBeNull();
          if (ack) acks.push(ack);
        }
      } catch (e) {
        // The server's own log names the cause of an internal error.
        console.error(`server output:\n${server.output().slice(-4000)}`);
        throw e;
      } finally {
        server.child.kill("SIGTERM");
        await server.exited;
      }

      // Load happened and crashes interrupted it.
      // Every server instance acknowledged at least one batch before it was killed.
      expect(acks.length).toBeGreaterThan(KILLS);
      expect(unanswered).toBeGreaterThan(0);
      for (const a of acks) expect(a.created + a.duplicates).toBe(a.batch.keys.length);

      const orm = await openOrm(target);
      try {
        const conn = orm.em.getConnection();
        const execute = <T>(sql: string, params?: unknown[]) => conn.execute<T[]>(sql, params ?? []);
        const stored = await expectEachItemOnce(execute, prefix, batches, acks, false);
        expect(stored.interactions).toBeGreaterThan(0);
        expect(await expectSavedStateIsReplay(execute, `external_id like '${prefix}-%'`)).toBeGreaterThan(0);
        console.info(`crash test on ${db.name}: ${KILLS} kills, ${batches.length} batches, ${unanswered} unanswered requests retried, ${stored.interactions} interactions, ${stored.orders} orders; ${Math.round((performance.now() - started) / 1000)} s, of which ${Math.round(restarting / 1000)} s restarting`);
      } finally {
        await orm.close(true);
        cleanup();
      }
      // About 30 s on an idle 2-core machine (restarts dominate: ~1.4 s each); the timeout leaves room for a loaded one.
    }, 300_000);
  });
}
