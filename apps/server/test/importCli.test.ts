import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortRetention, netPromoterScore } from "@engagekit/core";
import { createSchema, createServer, type DatabaseTarget } from "@engagekit/graphql";
import { migrate, openOrm } from "../src/orm.js";
import { ensureWorkspace } from "../src/seed.js";
import { databases, firstError, freshTarget, repoRoot, type GqlResponse } from "./harness.js";
import { datasetFile, hasDataset } from "./datasets.js";
import { loadOnlineRetail, onlineRetailCleanMask } from "../../../packages/core/bench/_data/onlineRetail.mjs";

const bin = resolve(import.meta.dirname, "../bin/engagekit.js");
const sliceCsv = resolve(import.meta.dirname, "data/online_retail_slice/online_retail_slice.csv");
const retailMapping = resolve(import.meta.dirname, "../import/online-retail.mapping.json");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI process (`engagekit import …`) against `target`, stdin/stdout/stderr piped (no TTY). */
function cli(target: DatabaseTarget, args: readonly string[], cwd = repoRoot, command = [process.execPath, bin]): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, ENGAGEKIT_DEFAULT_WORKSPACE: "shop" };
  delete env.DATABASE_URL;
  delete env.ENGAGEKIT_DB_FILE;
  if ("url" in target) env.DATABASE_URL = target.url;
  else env.ENGAGEKIT_DB_FILE = target.sqliteFile;
  const [exe, ...pre] = command as [string, ...string[]];
  const child = spawn(exe, [...pre, "import", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on("close", (code) => r({ code, stdout, stderr })));
}

/** The `--json` summary line of a run. */
function summary(run: Run): Record<string, unknown> & { rows: number; created: number; duplicates: number; rejected: number; skippedBy: Record<string, number> } {
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as ReturnType<typeof summary>;
  } catch {
    throw new Error(`no JSON summary (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Splits one CSV line (the slice has no line breaks inside fields), written apart from the CLI's parser. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") out.push(cur), (cur = "");
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** The slice as the core's Online Retail helper cleans it: customer id present, not a C invoice, quantity > 0, price > 0. */
function sliceRows() {
  const lines = readFileSync(sliceCsv, "utf8").trim().split("\n").slice(1).map(splitLine);
  const all = lines.map(([invoice, , , qty, at, price, customer]) => ({
    invoice: invoice as string,
    qty: Number(qty),
    price: Number(price),
    customer: customer as string,
    t: Date.parse(`${(at as string).replace(" ", "T")}Z`),
  }));
  const clean = all.filter((r) => r.customer !== "" && !r.invoice.startsWith("C") && r.qty > 0 && r.price > 0);
  return { all, clean };
}

/** A GraphQL server (the real one, in-process) over the database the CLI wrote. */
async function serve(target: DatabaseTarget) {
  const orm = await openOrm(target);
  await migrate(orm);
  await ensureWorkspace(orm, "shop", false, "");
  const server = await createServer({ orm, schema: await createSchema(), defaultWorkspace: "shop" });
  const url = await server.listen(0, "127.0.0.1");
  return {
    orm,
    async gql<T>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await server.stop();
      await orm.close(true);
    },
  };
}

const RETENTION = "{ cohortRetention(period: MONTH) { rows { cohort size counts } } rolling: cohortRetention(period: MONTH, mode: ROLLING) { rows { cohort counts } } customers { totalCount } }";

describe("the engagekit command", () => {
  it("should print the import help through npx from the repository root and exit 0", async () => {
    const run = await cli({ sqliteFile: ":memory:" }, ["--help"], repoRoot, ["npx", "--no-install", "engagekit"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: engagekit import <entity> <file> [options]");
    expect(run.stdout).toContain("--allow-rejects");
  });

  it("should exit 2 naming the flag on a usage error, before touching a database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ek-imp-"));
    const db = join(dir, "never.sqlite");
    const run = await cli({ sqliteFile: db }, ["orders", sliceCsv, "--map", "nope=InvoiceNo"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('orders has no field "nope"');
    const missing = await cli({ sqliteFile: db }, ["orders", sliceCsv, "--map", "customerId=NoSuchColumn", "--map", "externalId=InvoiceNo"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the header has no column "NoSuchColumn"');
    rmSync(dir, { recursive: true, force: true });
  });
});

for (const db of databases()) {
  describe.skipIf(!db.available)(`engagekit import, ${db.name}`, () => {
    let dir: string;
    let target: DatabaseTarget;
    let cleanup: () => void;
    let gz: string;
    let first: Run;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "ek-imp-"));
      ({ target, cleanup } = freshTarget(db.name));
      gz = join(dir, "online_retail_slice.csv.gz");
      writeFileSync(gz, gzipSync(readFileSync(sliceCsv)));
      first = await cli(target, [gz, "--mapping", retailMapping, "--json", "--progress-interval", "0", "--batch-size", "10"]);
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
      cleanup?.();
    });

    it("should import the gzipped Online Retail slice as documented: one order per clean invoice, skips counted by rule, exit 0", () => {
      expect(first.code, first.stderr).toBe(0);
      const s = summary(first);
      const { all, clean } = sliceRows();
      expect(s.rows).toBe(all.length);
      expect(s.rejected).toBe(0);
      expect(s.created).toBe(new Set(clean.map((r) => r.invoice)).size);
      expect(s.customersCreated).toBe(new Set(clean.map((r) => r.customer)).size);
      // First matching rule wins, in the mapping file's order.
      const noCustomer = all.filter((r) => r.customer === "").length;
      const cancelled = all.filter((r) => r.customer !== "" && r.invoice.startsWith("C")).length;
      expect(s.skippedBy).toEqual({
        "customerId=": noCustomer,
        "externalId^=C": cancelled,
        "unitPrice<=0": all.filter((r) => r.customer !== "" && !r.invoice.startsWith("C") && r.qty > 0 && r.price <= 0).length,
      });
      expect(s.skipped).toBe(all.length - clean.length);
    });

    it("should print plain progress lines with rows/s and ETA on stderr when not on a TTY", () => {
      const lines = first.stderr.split("\n").filter((l) => l.startsWith("progress: "));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.at(-1)).toMatch(/^progress: 262 rows, 100\.0%, [\d,]+ rows\/s, ETA 0s, 0 rejected$/);
      expect(first.stderr).not.toContain("\r");
    });

    it("should answer cohortRetention over GraphQL as the core computes it on the cleaned slice, and keep amounts exact", async () => {
      const { clean } = sliceRows();
      const api = await serve(target);
      try {
        const res = await api.gql<{ cohortRetention: { rows: { cohort: string; size: number; counts: number[] }[] }; rolling: { rows: { counts: number[] }[] }; customers: { totalCount: number } }>(RETENTION);
        expect(res.errors).toBeUndefined();
        const classic = cohortRetention(clean.map((r) => r.customer), clean.map((r) => r.t), "month");
        const rolling = cohortRetention(clean.map((r) => r.customer), clean.map((r) => r.t), "month", "rolling");
        expect(classic.cohorts.length).toBeGreaterThan(3);
        expect(res.data?.cohortRetention.rows.map((r) => r.cohort)).toEqual(classic.cohorts);
        expect(res.data?.cohortRetention.rows.map((r) => r.size)).toEqual(classic.sizes);
        expect(res.data?.cohortRetention.rows.map((r) => r.counts)).toEqual(classic.counts);
        expect(res.data?.rolling.rows.map((r) => r.counts)).toEqual(rolling.counts);
        expect(res.data?.customers.totalCount).toBe(new Set(clean.map((r) => r.customer)).size);
        // An order's amount is the sum of its lines (quantity × unit price), stored in cents.
        const cents = new Map<string, number>();
        for (const r of clean) cents.set(r.invoice, (cents.get(r.invoice) ?? 0) + r.qty * r.price);
        const stored = (await api.orm.em.getConnection().execute("select external_id, amount_cents, items from orders")) as { external_id: string; amount_cents: number | string; items: number }[];
        expect(new Map(stored.map((o) => [o.external_id, Number(o.amount_cents)]))).toEqual(new Map([...cents].map(([k, v]) => [k, Math.round(v * 100)])));
      } finally {
        await api.close();
      }
    });

    it("should add nothing when the same file is imported again (orders keyed by invoice number)", async () => {
      const again = await cli(target, [gz, "--mapping", retailMapping, "--json", "--progress", "none"]);
      expect(again.code, again.stderr).toBe(0);
      const s = summary(again);
      const { clean } = sliceRows();
      expect(s.created).toBe(0);
      expect(s.duplicates).toBe(new Set(clean.map((r) => r.invoice)).size);
      expect(s.customersCreated).toBe(0);
      const api = await serve(target);
      try {
        const [{ n }] = (await api.orm.em.getConnection().execute("select count(*) as n from orders")) as [{ n: number | string }];
        expect(Number(n)).toBe(s.duplicates);
      } finally {
        await api.close();
      }
    });

    it("should report rejected rows (line, field, reason) to --rejects, land the good rows of their batch, and exit 1 unless --allow-rejects", async () => {
      const file = join(dir, "orders.csv");
      const rejectsFile = join(dir, "rejects.csv");
      writeFileSync(
        file,
        [
          "order,who,when,total",
          "o-1,c-1,2024-01-05T10:00:00Z,10.50",
          "o-2,c-1,2024-13-01T10:00:00Z,3", // line 3: month 13
          "o-3,,2024-01-06T10:00:00Z,4", // line 4: no customer
          "o-4,c-2,2024-01-07T10:00:00Z,abc", // line 5: not a number
          "o-5,c-2,2024-01-08T10:00:00Z,-5", // line 6: refused by ingestion itself (negative amount)
          '"o-6","c-3","2024-02-01T09:00:00Z","1,5"', // line 7: "1,5" is no number with the default decimal point
          "o-7,c-3,2024-02-02T09:00:00Z,7",
        ].join("\n"),
      );
      const args = ["orders", file, "--map", "externalId=order", "--map", "customerId=who", "--map", "orderedAt=when", "--map", "amount=total", "--rejects", rejectsFile, "--json", "--progress", "none"];
      const run = await cli(target, args);
      expect(run.code).toBe(1);
      const s = summary(run);
      expect(s).toMatchObject({ rows: 7, rejected: 5, created: 2, items: 3 });
      const report = readFileSync(rejectsFile, "utf8").trim().split("\n").map(splitLine);
      expect(report[0]).toEqual(["line", "field", "column", "reason", "value"]);
      expect(report.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
        ["3", "orderedAt", "when"],
        ["4", "customerId", "who"],
        ["5", "amount", "total"],
        ["7", "amount", "total"],
        ["6", "amount", "total"],
      ]);
      // The ingestion refusal is the API's own typed error for the same item.
      const api = await serve(target);
      try {
        const res = await api.gql("mutation { recordOrders(input: [{ externalId: \"x\", customer: { externalId: \"c\" }, orderedAt: \"2024-01-08T10:00:00Z\", amount: -5 }]) { created } }");
        const err = firstError(res);
        expect(err?.extensions?.code).toBe("BAD_USER_INPUT");
        const row6 = report.find((r) => r[0] === "6") as string[];
        expect(err?.extensions?.field).toBe("input.0.amount");
        expect(row6[1]).toBe("amount");
        expect(row6[3]).toBe(`${String(err?.extensions?.reason)}: ${err?.message.replace(/ at input\[0\]\.amount$/, "")}`);
        const orders = (await api.orm.em.getConnection().execute("select external_id from orders where external_id like 'o-%' order by external_id")) as { external_id: string }[];
        expect(orders.map((o) => o.external_id)).toEqual(["o-1", "o-7"]);
      } finally {
        await api.close();
      }
      const allowed = await cli(target, [...args, "--allow-rejects"]);
      expect(allowed.code).toBe(0);
      expect(summary(allowed)).toMatchObject({ rejected: 5, created: 0, duplicates: 2 });
    });

    describe("the other entities, with derived idempotency keys", () => {
      const scores = [10, 9, 7, 3, 0, 10, 8];
      let runs: Record<string, string[]>;
      beforeAll(() => {
        const interactions = join(dir, "events.ndjson");
        writeFileSync(
          interactions,
          [
            { user: "u1", event: "page_view", at: "2024-03-01T10:00:00Z", props: { path: "/" } },
            { user: "u1", event: "email_open", at: "2024-03-02T10:00:00Z" },
            { user: "u2", event: "page_view", at: "2024-03-02T11:00:00Z", value: 3 },
          ]
            .map((o) => JSON.stringify(o))
            .join("\n") + "\nnot json\n",
        );
        const surveys = join(dir, "nps.csv");
        writeFileSync(surveys, ["customer;score;date", ...scores.map((s, i) => `u${i};${s};${String(i + 1).padStart(2, "0")}.04.2024 12:00`)].join("\n"));
        const tickets = join(dir, "tickets.csv");
        writeFileSync(tickets, ["ticket,customer,event,at", "t1,u1,opened,2024-05-01 09:00", "t1,u1,agent_reply,2024-05-01 10:30", "t1,u1,RESOLVED,2024-05-02 09:00", "t2,u2,closed,2024-05-03 09:00"].join("\n"));
        const customers = join(dir, "customers.csv");
        writeFileSync(customers, ["id,mail,country", "u1,u1@example.com,GB", "u9,u9@example.com,FR", "u10,not-an-email,DE"].join("\n"));
        runs = {
          interactions: ["interactions", interactions, "--map", "customerId=user", "--map", "type=event", "--map", "occurredAt=at", "--map", "properties=props", "--set", "channel=web"],
          "survey answers": ["survey-answers", surveys, "--delimiter", ";", "--map", "customerId=customer", "--set", "survey=relationship", "--set", "kind=nps", "--date-format", "dd.MM.yyyy HH:mm", "--map", "respondedAt=date"],
          "ticket events": ["tickets", tickets, "--map", "ticketId=ticket", "--map", "customerId=customer", "--map", "type=event", "--map", "occurredAt=at"],
          customers: ["customers", customers, "--map", "customerId=id", "--map", "email=mail", "--map", "traits.country=country"],
        };
      });

      // In order: the customers file meets u1, created by the interactions before it.
      it.each([
        ["interactions", 3, 1, "NDJSON; the line that is not JSON"],
        ["survey answers", scores.length, 0, "semicolon CSV, dd.MM.yyyy dates, kind in lower case"],
        ["ticket events", 3, 1, "the unknown event type `closed`"],
        ["customers", 1, 1, "u1 already known; the bad email"],
      ] as const)("should import %s (%i created, %i rejected: %s), and nothing on a re-run", async (name, created, rejected, _why) => {
        const args = runs[name] as string[];
        const run = await cli(target, [...args, "--json", "--progress", "none", "--allow-rejects"]);
        expect(run.code, run.stderr).toBe(0);
        const s = summary(run);
        expect(s).toMatchObject({ created, rejected });
        const again = await cli(target, [...args, "--json", "--progress", "none", "--allow-rejects"]);
        // Every item of the re-run is already recorded.
        expect(summary(again)).toMatchObject({ created: 0, duplicates: s.created + s.duplicates, rejected });
      }, 180_000);

      it("should answer NPS as the core computes it, count the interactions, and store the new customer's email and traits", async () => {
        const api = await serve(target);
        try {
          const res = await api.gql<{ nps: { score: number; n: number }; interactions: { totalCount: number } }>("{ nps { score n } interactions { totalCount } }");
          expect(res.errors).toBeUndefined();
          const core = netPromoterScore(scores);
          expect(res.data?.nps.n).toBe(scores.length);
          expect(res.data?.nps.score).toBeCloseTo(core.score as number, 12);
          expect(res.data?.interactions.totalCount).toBe(3);
          const rows = (await api.orm.em.getConnection().execute("select external_id, email, traits from customers where external_id in ('u1', 'u9') order by external_id")) as { external_id: string; email: string | null; traits: unknown }[];
          // u1 existed already (from its events): a customers import does not overwrite it.
          expect(rows.map((r) => [r.external_id, r.email])).toEqual([["u1", null], ["u9", "u9@example.com"]]);
          const traits = rows[1]?.traits;
          expect(typeof traits === "string" ? JSON.parse(traits) : traits).toEqual({ country: "FR" });
        } finally {
          await api.close();
        }
      });
    });
  });
}

const FULL = "online_retail/online_retail.csv.gz";
const fullAvailable = hasDataset(FULL);

for (const db of databases()) {
  describe.skipIf(!db.available || !fullAvailable)(`engagekit import of the whole Online Retail file, ${db.name}`, () => {
    let target: DatabaseTarget;
    let cleanup: () => void;
    let run: Run;
    beforeAll(async () => {
      ({ target, cleanup } = freshTarget(db.name));
      run = await cli(target, [datasetFile(FULL), "--mapping", retailMapping, "--json", "--progress", "none"]);
    }, 300_000);
    afterAll(() => cleanup?.());

    it("should read all 541,909 rows, skip the cancellations, the rows without a customer and the non-positive lines, and reject none", () => {
      expect(run.code, run.stderr).toBe(0);
      const cols = loadOnlineRetail(datasetFile(FULL));
      const keep = onlineRetailCleanMask(cols);
      const invoices = new Set<string>();
      for (let i = 0; i < cols.n; i++) if (keep[i]) invoices.add(cols.invoiceNo[i] as string);
      const s = summary(run);
      expect(s).toMatchObject({ rows: 541_909, rejected: 0, created: invoices.size, customersCreated: 4338 });
      expect(s.skipped).toBe(cols.n - keep.reduce((a, b) => a + b, 0));
      expect(s.skippedBy["customerId="]).toBe(135_080); // SOURCE.md: missing CustomerID
    });

    it("should answer cohortRetention (classic and rolling) over GraphQL exactly as the core computes it on the cleaned file", async () => {
      const cols = loadOnlineRetail(datasetFile(FULL));
      const keep = onlineRetailCleanMask(cols);
      const customers: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < cols.n; i++) {
        if (!keep[i]) continue;
        customers.push(cols.customerId[i] as number);
        times.push(cols.invoiceDate[i] as number);
      }
      const classic = cohortRetention(customers, times, "month");
      const rolling = cohortRetention(customers, times, "month", "rolling");
      const api = await serve(target);
      try {
        const res = await api.gql<{ cohortRetention: { rows: { cohort: string; size: number; counts: number[] }[] }; rolling: { rows: { counts: number[] }[] }; customers: { totalCount: number } }>(RETENTION);
        expect(res.errors).toBeUndefined();
        expect(res.data?.cohortRetention.rows.map((r) => r.cohort)).toEqual(classic.cohorts);
        expect(res.data?.cohortRetention.rows.map((r) => r.size)).toEqual(classic.sizes);
        expect(res.data?.cohortRetention.rows.map((r) => r.counts)).toEqual(classic.counts);
        expect(res.data?.rolling.rows.map((r) => r.counts)).toEqual(rolling.counts);
        expect(res.data?.customers.totalCount).toBe(4338);
      } finally {
        await api.close();
      }
    });
  });
}
