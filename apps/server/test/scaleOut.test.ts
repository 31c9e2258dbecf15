import { describe, expect, it, onTestFinished } from "vitest";
import { migrate, openOrm } from "../src/orm.js";
import { databases, freshTarget, startServerProcess, type ServerProcess } from "./harness.js";
import { expectEachItemOnce, loadBatch, prng, send, type Ack, type LoadBatch } from "./ingestLoad.js";
import { expectSavedStateIsReplay } from "./stateReplay.js";

/**
 * Scale-out (issue 16): two server processes on one PostgreSQL ingest
 * concurrently into the same workspace and the same few customers, and
 * some batches go to both servers at once (a client that timed out on one
 * server and retried on the other while the first was still working).
 * Nothing is lost, nothing doubled (the `created` counts of both servers add
 * up to the rows exactly), and every customer's saved state equals a replay
 * of its history.
 */

const SEED = Number(process.env.ENGAGEKIT_SCALE_SEED ?? 2911);
const BATCHES = 160;
/** Requests in flight per server. */
const CONCURRENCY = 3;
/** Few customers, so concurrent batches keep meeting on the same ones. */
const CUSTOMERS = 25;

const pg = databases().find((d) => d.name === "postgresql");

describe.skipIf(!pg?.available)("scale-out on postgresql", () => {
  it("should lose nothing, double nothing, and keep every customer's saved state a replay with two servers ingesting at once", async () => {
    const { target } = freshTarget("postgresql");
    // Migrated once up front: two servers starting at once would race on the migrations table.
    const orm = await openOrm(target);
    await migrate(orm);
    const env = { DATABASE_URL: "url" in target ? target.url : "", HOST: "127.0.0.1", ENGAGEKIT_SEED: "false", ENGAGEKIT_EXPIRY_INTERVAL_MS: "0" };
    const servers: ServerProcess[] = [];
    // A failed or timed-out run must not leave servers behind.
    onTestFinished(() => {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
    });
    try {
      servers.push(await startServerProcess(env));
      servers.push(await startServerProcess(env));
      const random = prng(SEED);
      const batches: LoadBatch[] = Array.from({ length: BATCHES }, (_, id) => loadBatch(random, "scale", id, CUSTOMERS));
      // One batch in eight is sent to both servers at once.
      const both = new Set(batches.filter(() => random() < 0.125).map((b) => b.id));
      const queues: LoadBatch[][] = [[], []];
      batches.forEach((b, i) => {
        if (both.has(b.id)) queues.forEach((q) => q.push(b));
        else (queues[i % 2] as LoadBatch[]).push(b);
      });
      const acks: Ack[] = [];
      const worker = async (server: ServerProcess, queue: LoadBatch[]) => {
        for (let b = queue.shift(); b; b = queue.shift()) {
          const ack = await send(server.url, b);
          expect(ack, `batch ${b.id}: no answer from a live server`).not.toBeNull();
          if (ack) acks.push(ack);
        }
      };
      await Promise.all(servers.flatMap((s, i) => Array.from({ length: CONCURRENCY }, () => worker(s, queues[i] as LoadBatch[]))));

      expect(both.size).toBeGreaterThan(5);
      expect(acks).toHaveLength(BATCHES + both.size);
      for (const a of acks) expect(a.created + a.duplicates).toBe(a.batch.keys.length);
      const conn = orm.em.getConnection();
      const execute = <T>(sql: string, params?: unknown[]) => conn.execute<T[]>(sql, params ?? []);
      const stored = await expectEachItemOnce(execute, "scale", batches, acks, true);
      expect(await expectSavedStateIsReplay(execute, "external_id like 'scale-%'")).toBe(CUSTOMERS);
      const [customers] = await execute<{ n: string }>("select count(*) as n from customers where external_id like 'scale-%'");
      expect(Number(customers?.n)).toBe(CUSTOMERS);
      console.info(`scale-out: 2 servers × ${CONCURRENCY} in flight, ${BATCHES} batches (${both.size} sent to both), ${stored.interactions} interactions, ${stored.orders} orders, ${CUSTOMERS} customers`);
    } catch (e) {
      for (const s of servers) console.error(`server output:\n${s.output().slice(-4000)}`);
      throw e;
    } finally {
      for (const s of servers) {
        s.child.kill("SIGTERM");
        await s.exited;
      }
      await orm.close(true);
    }
  }, 300_000);
});
