import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasOnlineRetail, loadOnlineRetail, onlineRetailCleanMask } from "../bench/_data/onlineRetail.mjs";
import { rfmAnalysis, rfmScores, rfmSegment, type RfmAnalysis } from "../src/segments/index.js";
import { hasDataset } from "./datasets.js";

// RFM on the UCI Online Retail set (cleaned: customer id present, no C-invoices, quantity > 0, price > 0 →
// 397,884 rows, 4,338 customers). Recency is measured from one day after the last invoice; frequency counts
// distinct invoices; monetary sums quantity × unit price in cents (integers, so sums are exact in any engine).
// The oracle is DuckDB SQL: NTILE(5) for the split scores, RANK() plus the NTILE bucket formula for tied scores.
const available = hasDataset("online_retail/online_retail.csv.gz") && hasOnlineRetail();
const DAY = 86_400_000;

describe.skipIf(!available)("RFM on Online Retail", () => {
  let together: RfmAnalysis;
  let split: RfmAnalysis;
  let sql: { customer: number; r: number; f: number; m: number; rt: number; ft: number; mt: number }[];
  const dir = mkdtempSync(join(tmpdir(), "engagekit-rfm-"));

  beforeAll(async () => {
    const cols = loadOnlineRetail();
    const mask = onlineRetailCleanMask(cols);
    const order = new Int32Array(cols.n);
    const amount = new Float64Array(cols.n);
    let maxT = -Infinity;
    const lines = ["customer,invoice,t,cents"];
    for (let i = 0; i < cols.n; i++) {
      if (mask[i] === 0) continue;
      order[i] = Number.parseInt(cols.invoiceNo[i] as string, 10);
      amount[i] = Math.round((cols.quantity[i] as number) * (cols.unitPrice[i] as number) * 100);
      if ((cols.invoiceDate[i] as number) > maxT) maxT = cols.invoiceDate[i] as number;
      lines.push(`${cols.customerId[i]},${order[i]},${cols.invoiceDate[i]},${amount[i]}`);
    }
    const asOf = maxT + DAY;
    const tx = { customer: cols.customerId, order, time: cols.invoiceDate, amount, mask };
    together = rfmAnalysis(tx, { asOf });
    split = rfmAnalysis(tx, { asOf, ties: "split" });

    const csv = join(dir, "tx.csv");
    writeFileSync(csv, `${lines.join("\n")}\n`);
    const con = await (await DuckDBInstance.create(":memory:")).connect();
    const reader = await con.runAndReadAll(`
      WITH tx AS (SELECT * FROM read_csv('${csv}', header = true, columns = {'customer': 'INTEGER', 'invoice': 'INTEGER', 't': 'DOUBLE', 'cents': 'BIGINT'})),
      c AS (SELECT customer, (${asOf} - max(t)) / ${DAY}.0 AS recency, count(DISTINCT invoice)::DOUBLE AS frequency, sum(cents)::DOUBLE AS monetary FROM tx GROUP BY customer),
      k AS (SELECT count(*)::INTEGER AS n FROM c),
      ranked AS (
        SELECT customer,
          NTILE(5) OVER (ORDER BY recency DESC, customer) AS r,
          NTILE(5) OVER (ORDER BY frequency, customer) AS f,
          NTILE(5) OVER (ORDER BY monetary, customer) AS m,
          RANK() OVER (ORDER BY recency DESC) - 1 AS lr,
          RANK() OVER (ORDER BY frequency) - 1 AS lf,
          RANK() OVER (ORDER BY monetary) - 1 AS lm
        FROM c)
      SELECT customer, r::INTEGER AS r, f::INTEGER AS f, m::INTEGER AS m,
        (CASE WHEN lr < (n % 5) * (n // 5 + 1) THEN lr // (n // 5 + 1) ELSE n % 5 + (lr - (n % 5) * (n // 5 + 1)) // (n // 5) END + 1)::INTEGER AS rt,
        (CASE WHEN lf < (n % 5) * (n // 5 + 1) THEN lf // (n // 5 + 1) ELSE n % 5 + (lf - (n % 5) * (n // 5 + 1)) // (n // 5) END + 1)::INTEGER AS ft,
        (CASE WHEN lm < (n % 5) * (n // 5 + 1) THEN lm // (n // 5 + 1) ELSE n % 5 + (lm - (n % 5) * (n // 5 + 1)) // (n // 5) END + 1)::INTEGER AS mt
      FROM ranked, k ORDER BY customer`);
    sql = reader.getRowObjectsJS() as typeof sql;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("should find the 4,338 customers of the documented cleaning", () => {
    expect(together.customers.length).toBe(4338);
    expect(sql.length).toBe(4338);
    expect(Array.from(together.customers)).toEqual(sql.map((row) => row.customer));
  });

  test("should equal DuckDB's NTILE(5) quintiles exactly with split ties, and DuckDB's RANK-based scores with tied scores kept together", () => {
    let mismatches = 0;
    sql.forEach((row, i) => {
      if (split.r[i] !== row.r || split.f[i] !== row.f || split.m[i] !== row.m) mismatches++;
      if (together.r[i] !== row.rt || together.f[i] !== row.ft || together.m[i] !== row.mt) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  test("should balance quintile sizes: exactly 868/868/868/867/867 when split, and within ties when kept together", () => {
    const sizes = (col: Uint8Array) => [1, 2, 3, 4, 5].map((k) => col.filter((x) => x === k).length);
    for (const col of [split.r, split.f, split.m]) expect(sizes(col)).toEqual([868, 868, 868, 867, 867]);
    const sizesTogether = { r: sizes(together.r), f: sizes(together.f), m: sizes(together.m) };
    console.log("RFM score sizes (ties together), scores 1..5:", JSON.stringify(sizesTogether));
    // Frequency is heavily tied (1,493 customers, over a third, have exactly one invoice: the F = 1 group), so F cannot be balanced; every tie group stays whole.
    const freq = together.frequency;
    for (let i = 1; i < freq.length; i++) for (const j of [0, i - 1]) if (freq[i] === freq[j]) expect(together.f[i]).toBe(together.f[j]);
    expect(rfmScores(together).f).toEqual(together.f);
  });

  test("should assign every customer one named segment; the sizes are recorded in the issue note", () => {
    const count = (a: RfmAnalysis) => {
      const out: Record<string, number> = {};
      for (const s of a.segment) out[s] = (out[s] ?? 0) + 1;
      return Object.fromEntries(Object.entries(out).sort((x, y) => y[1] - x[1]));
    };
    const t = count(together);
    const s = count(split);
    console.log("RFM segments on Online Retail (ties together):", JSON.stringify(t));
    console.log("RFM segments on Online Retail (split ties, = DuckDB NTILE):", JSON.stringify(s));
    expect(Object.values(t).reduce((a, b) => a + b, 0)).toBe(4338);
    // The names follow from the DuckDB scores through the grid.
    sql.forEach((row, i) => expect(split.segment[i]).toBe(rfmSegment(row.r, row.f, row.m)));
  });
});
