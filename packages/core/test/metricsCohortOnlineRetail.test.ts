import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasOnlineRetail, loadOnlineRetail, onlineRetailCleanMask } from "../bench/_data/onlineRetail.mjs";
import { cohortRetention, type CohortRetention } from "../src/cohorts/cohortRetention.js";
import { hasDataset } from "./datasets.js";

// Monthly acquisition cohorts on the UCI Online Retail file (cleaning as documented in the loader:
// customer id present, not a C-invoice, quantity > 0, price > 0 → 397,884 rows, 4,338 customers),
// compared cell by cell with the same matrix written in DuckDB SQL.
const available = hasDataset("online_retail/online_retail.csv.gz") && hasOnlineRetail();

describe.skipIf(!available)("monthly cohort retention on Online Retail", () => {
  const dir = mkdtempSync(join(tmpdir(), "ek-cohort-"));
  let ek: { classic: CohortRetention; rolling: CohortRetention };
  let sql: { cohort: string; k: number; n: number; r: number }[];

  beforeAll(async () => {
    const cols = loadOnlineRetail();
    const mask = onlineRetailCleanMask(cols);
    const customers: number[] = [];
    const times: number[] = [];
    const lines = ["customer,t"];
    for (let i = 0; i < cols.n; i++) {
      if (!mask[i]) continue;
      customers.push(cols.customerId[i] as number);
      times.push(cols.invoiceDate[i] as number);
      lines.push(`${cols.customerId[i]},${cols.invoiceDate[i]}`);
    }
    ek = { classic: cohortRetention(customers, times, "month"), rolling: cohortRetention(customers, times, "month", "rolling") };
    const csv = join(dir, "tx.csv");
    writeFileSync(csv, `${lines.join("\n")}\n`);
    const con = await (await DuckDBInstance.create(":memory:")).connect();
    const reader = await con.runAndReadAll(`
      WITH a AS (SELECT customer, date_trunc('month', epoch_ms(t::BIGINT)) AS m FROM read_csv('${csv}', header = true, columns = {'customer': 'INTEGER', 't': 'DOUBLE'})),
      f AS (SELECT customer, min(m) AS c, max(m) AS l FROM a GROUP BY customer),
      classic AS (SELECT f.c, datediff('month', f.c, a.m) AS k, count(DISTINCT a.customer) AS n FROM a JOIN f USING (customer) GROUP BY 1, 2),
      ks AS (SELECT DISTINCT c, k FROM classic),
      rolling AS (SELECT ks.c, ks.k, count(*) FILTER (WHERE datediff('month', f.c, f.l) >= ks.k) AS r FROM ks JOIN f ON f.c = ks.c GROUP BY 1, 2)
      SELECT strftime(classic.c, '%Y-%m') AS cohort, classic.k::INTEGER AS k, classic.n::INTEGER AS n, rolling.r::INTEGER AS r
      FROM classic JOIN rolling USING (c, k) ORDER BY 1, 2`);
    sql = reader.getRowObjectsJS() as typeof sql;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("should find 13 monthly cohorts (2010-12 … 2011-12) covering the 4,338 customers", () => {
    expect(ek.classic.cohorts[0]).toBe("2010-12");
    expect(ek.classic.cohorts).toHaveLength(13);
    expect(ek.classic.sizes.reduce((a, b) => a + b, 0)).toBe(4338);
  });

  test("should equal DuckDB's classic and rolling matrices cell by cell", () => {
    let cells = 0;
    for (const row of sql) {
      const c = ek.classic.cohorts.indexOf(row.cohort);
      expect(c).toBeGreaterThanOrEqual(0);
      expect((ek.classic.counts[c] as number[])[row.k]).toBe(row.n);
      expect((ek.rolling.counts[c] as number[])[row.k]).toBe(row.r);
      cells++;
    }
    // DuckDB lists only cells with activity; every other engagekit cell must be 0 in classic mode.
    const listed = new Set(sql.map((r) => `${r.cohort}:${r.k}`));
    ek.classic.counts.forEach((row, c) => row.forEach((v, k) => { if (!listed.has(`${ek.classic.cohorts[c]}:${k}`)) expect(v).toBe(0); }));
    expect(cells).toBeGreaterThan(80);
  });
});
