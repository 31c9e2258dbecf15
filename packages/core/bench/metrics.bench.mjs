// Metrics against DuckDB on the same in-memory data, in the same run (one process: peakRssMB covers both):
// 1. monthly cohort retention + repeat-purchase rate over Online Retail (cleaned, from parsed columns);
//    key metrics.cohort. Quick mode: the first 20k cleaned rows; under the scaling driver the file
//    replicated ENGAGEKIT_BENCH_SIZE times (customer ids offset per copy, dates unchanged).
// 2. NPS and CSAT over 10M generated responses (sufficient statistics from typed arrays); key
//    metrics.nps. Quick mode: 100k; under the scaling driver 625k × ENGAGEKIT_BENCH_SIZE.
// Data loading is excluded on both sides. Prints `BENCH {json}` rows through scripts/benchKit.mjs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cohortRetention, customerSatisfactionScoreFromColumn, netPromoterScoreFromColumn, repeatPurchaseRate } from "../dist/index.js";
import { emit, measure, pick, selected } from "../../../scripts/benchKit.mjs";
import { cleanedOnlineRetail, round, runsNote, scaled, withHeapGrowth, writeCsv } from "./_common.mjs";

const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
const dir = mkdtempSync(join(tmpdir(), "ek-metrics-bench-"));

// 1. Cohort retention + repeat purchase on Online Retail.
const retail = selected("metrics.cohort") ? cleanedOnlineRetail() : null;
if (retail) {
  const { n, customer, time: time_, invoice, maxCustomer: maxId } = retail;
  writeCsv(join(dir, "tx.csv"), "customer,t,invoice", n, (j) => `${customer[j]},${time_[j]},${invoice[j]}`);
  await con.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${join(dir, "tx.csv")}', header = true, columns = {'customer': 'INTEGER', 't': 'DOUBLE', 'invoice': 'INTEGER'})`);

  const ekHeap = withHeapGrowth(() => {
    const matrix = cohortRetention(customer, time_, "month");
    // Repeat purchasers: customers with more than one distinct invoice (ids are small integers: dense arrays).
    const firstInvoice = new Int32Array(maxId + 1).fill(-1);
    const repeated = new Uint8Array(maxId + 1);
    let customers = 0;
    let repeaters = 0;
    for (let i = 0; i < n; i++) {
      const c = customer[i];
      const f = firstInvoice[c];
      if (f === -1) (firstInvoice[c] = invoice[i], customers++);
      else if (f !== invoice[i] && repeated[c] === 0) (repeated[c] = 1, repeaters++);
    }
    return { matrix, rate: repeatPurchaseRate({ customers, repeatCustomers: repeaters }) };
  });
  const ek = await measure(`engagekit cohortRetention(month) + repeatPurchaseRate on ${n} rows`, ekHeap.fn, { runs: 7, warmup: 1 });
  const duck = await measure(
    "duckdb cohort matrix + repeat-purchase SQL",
    async () => {
      const cells = await con.runAndReadAll(`
      WITH a AS (SELECT customer, date_trunc('month', epoch_ms(t::BIGINT)) AS m FROM tx),
      f AS (SELECT customer, min(m) AS c FROM a GROUP BY customer)
      SELECT f.c, datediff('month', f.c, a.m)::INTEGER AS k, count(DISTINCT a.customer)::INTEGER AS n FROM a JOIN f USING (customer) GROUP BY 1, 2`);
      const rep = await con.runAndReadAll(`SELECT count(*)::INTEGER AS customers, count(*) FILTER (WHERE k > 1)::INTEGER AS repeaters FROM (SELECT customer, count(DISTINCT invoice) AS k FROM tx GROUP BY customer)`);
      return { cells: cells.getRowObjectsJS().length, rep: rep.getRowObjectsJS()[0] };
    },
    { runs: 7, warmup: 1 },
  );
  const same = duck.out.rep.repeaters === ek.out.rate.count && duck.out.rep.customers === ek.out.rate.n;
  console.log(`  repeat-purchase rate ${ek.out.rate.rate.toFixed(4)} (${ek.out.rate.count}/${ek.out.rate.n}); DuckDB ${duck.out.rep.repeaters}/${duck.out.rep.customers}; equal: ${same}; engagekit heap growth of one call ${ekHeap.mb()} MB`);
  if (!same) process.exitCode = 1;
  const ratio = ek.ms / duck.ms;
  emit({
    key: "metrics.cohort",
    workload: `cohort retention (month) + repeat purchase, ${retail.label}`,
    engagekit: round(ek.ms),
    peer: "duckdb",
    peerValue: round(duck.ms),
    ratio: round(ratio, 4),
    target: "≤ 1.0",
    met: ratio <= 1,
    heapGrowthMB: ekHeap.mb(),
    note: `from parsed columns, load excluded; results equal: ${same}; ${runsNote(7)} on both sides; engagekit heap growth of one call ${ekHeap.mb()} MB; peak RSS covers engagekit and duckdb in one process`,
  });
}

// 2. NPS + CSAT over 10M responses.
if (selected("metrics.nps")) {
  const N = scaled(Number(process.env.BENCH_RESPONSES ?? pick(10_000_000, 100_000)));
  const nps = new Int8Array(N);
  const csat = new Int8Array(N);
  for (let i = 0; i < N; i++) {
    // The same deterministic hash on both sides: (i · 2654435761) mod 2³² spread over the scale.
    const h = Math.imul(i, 2654435761) >>> 0;
    nps[i] = h % 11;
    csat[i] = 1 + (h % 5);
  }
  await con.run(`CREATE TABLE r AS SELECT ((i * 2654435761) % 4294967296 % 11)::TINYINT AS nps, (1 + (i * 2654435761) % 4294967296 % 5)::TINYINT AS csat FROM range(${N}) t(i)`);
  const ekHeap = withHeapGrowth(() => ({
    nps: netPromoterScoreFromColumn(nps),
    csat: customerSatisfactionScoreFromColumn(csat),
  }));
  const ekR = await measure(`engagekit NPS + CSAT over ${N.toLocaleString("en")} responses (netPromoterScoreFromColumn, customerSatisfactionScoreFromColumn)`, ekHeap.fn, { runs: 5, warmup: 1 });
  const duckR = await measure(
    "duckdb NPS + CSAT SQL (counts and sums)",
    async () => {
      const r = await con.runAndReadAll(`SELECT count(*) FILTER (WHERE nps >= 9)::INTEGER AS p, count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::INTEGER AS pa,
      count(*) FILTER (WHERE nps <= 6)::INTEGER AS d, count(*) FILTER (WHERE csat >= 4)::INTEGER AS sat, sum(csat)::DOUBLE AS s, sum(csat * csat)::DOUBLE AS sq FROM r`);
      return r.getRowObjectsJS()[0];
    },
    { runs: 5, warmup: 1 },
  );
  const equal = duckR.out.p === ekR.out.nps.promoters && duckR.out.sat === ekR.out.csat.satisfied;
  console.log(`  NPS ${ekR.out.nps.score.toFixed(3)}, CSAT ${ekR.out.csat.share.toFixed(4)}; DuckDB counts equal: ${equal}`);
  if (!equal) process.exitCode = 1;
  const ratio = ekR.ms / duckR.ms;
  emit({
    key: "metrics.nps",
    workload: `NPS + CSAT over ${N.toLocaleString("en")} responses`,
    engagekit: round(ekR.ms),
    peer: "duckdb",
    peerValue: round(duckR.ms),
    ratio: round(ratio, 4),
    target: "≤ 1.0",
    met: ratio <= 1,
    heapGrowthMB: ekHeap.mb(),
    note: `the core's column functions on Int8Array columns vs an in-memory DuckDB table; counts equal: ${equal}; ${runsNote(5)} on both sides; engagekit heap growth of one call ${ekHeap.mb()} MB; peak RSS covers engagekit and duckdb in one process`,
  });
}
rmSync(dir, { recursive: true, force: true });
