// Metrics against DuckDB on the same in-memory data, in the same run:
// 1. monthly cohort retention + repeat-purchase rate over Online Retail (cleaned, from parsed columns);
// 2. NPS and CSAT over 10M generated responses (sufficient statistics from typed arrays).
// Data loading is excluded on both sides. Prints `BENCH {json}` rows.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cohortRetention, customerSatisfactionScoreFromColumn, netPromoterScoreFromColumn, repeatPurchaseRate } from "../dist/index.js";
import { hasOnlineRetail, loadOnlineRetail, onlineRetailCleanMask } from "./_data/onlineRetail.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(label, runs, fn) {
  await fn(); // warm-up
  const ts = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    ts.push(performance.now() - t0);
  }
  console.log(`${label}: runs ${ts.map((t) => t.toFixed(1)).join(" / ")} ms, median ${median(ts).toFixed(1)} ms`);
  return { ms: median(ts), out };
}

const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
const dir = mkdtempSync(join(tmpdir(), "ek-metrics-bench-"));

if (!hasOnlineRetail()) {
  const msg = "Online Retail not found (../shared/datasets/online_retail): skipping the cohort workload";
  if (process.env.ENGAGEKIT_REQUIRE_DATASETS === "1") throw new Error(msg);
  console.log(msg);
} else {
  const cols = loadOnlineRetail();
  const mask = onlineRetailCleanMask(cols);
  const n = mask.reduce((a, b) => a + b, 0);
  const customer = new Int32Array(n);
  const time_ = new Float64Array(n);
  const invoice = new Int32Array(n);
  const lines = ["customer,t,invoice"];
  for (let i = 0, j = 0; i < cols.n; i++) {
    if (!mask[i]) continue;
    customer[j] = cols.customerId[i];
    time_[j] = cols.invoiceDate[i];
    invoice[j] = Number(cols.invoiceNo[i]);
    lines.push(`${customer[j]},${time_[j]},${invoice[j]}`);
    j++;
  }
  writeFileSync(join(dir, "tx.csv"), `${lines.join("\n")}\n`);
  let maxId = 0;
  for (let i = 0; i < n; i++) if (customer[i] > maxId) maxId = customer[i];
  await con.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${join(dir, "tx.csv")}', header = true, columns = {'customer': 'INTEGER', 't': 'DOUBLE', 'invoice': 'INTEGER'})`);

  const ek = await time(`engagekit cohortRetention(month) + repeatPurchaseRate on ${n} rows`, 7, () => {
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
  const duck = await time("duckdb cohort matrix + repeat-purchase SQL", 7, async () => {
    const cells = await con.runAndReadAll(`
      WITH a AS (SELECT customer, date_trunc('month', epoch_ms(t::BIGINT)) AS m FROM tx),
      f AS (SELECT customer, min(m) AS c FROM a GROUP BY customer)
      SELECT f.c, datediff('month', f.c, a.m)::INTEGER AS k, count(DISTINCT a.customer)::INTEGER AS n FROM a JOIN f USING (customer) GROUP BY 1, 2`);
    const rep = await con.runAndReadAll(`SELECT count(*)::INTEGER AS customers, count(*) FILTER (WHERE k > 1)::INTEGER AS repeaters FROM (SELECT customer, count(DISTINCT invoice) AS k FROM tx GROUP BY customer)`);
    return { cells: cells.getRowObjectsJS().length, rep: rep.getRowObjectsJS()[0] };
  });
  const same = duck.out.rep.repeaters === ek.out.rate.count && duck.out.rep.customers === ek.out.rate.n;
  console.log(`  repeat-purchase rate ${ek.out.rate.rate.toFixed(4)} (${ek.out.rate.count}/${ek.out.rate.n}); DuckDB ${duck.out.rep.repeaters}/${duck.out.rep.customers}; equal: ${same}`);
  console.log(`BENCH ${JSON.stringify({ workload: `cohort retention (month) + repeat purchase, Online Retail ${n} rows`, engagekit: ek.ms, peer: "duckdb", peerMs: duck.ms, ratio: ek.ms / duck.ms, target: "≤ 1.0", note: `from parsed columns, load excluded; results equal: ${same}` })}`);
}

// 2. NPS + CSAT over 10M responses.
const N = Number(process.env.BENCH_RESPONSES ?? 10_000_000);
const nps = new Int8Array(N);
const csat = new Int8Array(N);
for (let i = 0; i < N; i++) {
  // The same deterministic hash on both sides: (i · 2654435761) mod 2³² spread over the scale.
  const h = Math.imul(i, 2654435761) >>> 0;
  nps[i] = h % 11;
  csat[i] = 1 + (h % 5);
}
await con.run(`CREATE TABLE r AS SELECT ((i * 2654435761) % 4294967296 % 11)::TINYINT AS nps, (1 + (i * 2654435761) % 4294967296 % 5)::TINYINT AS csat FROM range(${N}) t(i)`);
const ekR = await time(`engagekit NPS + CSAT over ${N.toLocaleString("en")} responses (netPromoterScoreFromColumn, customerSatisfactionScoreFromColumn)`, 5, () => ({
  nps: netPromoterScoreFromColumn(nps),
  csat: customerSatisfactionScoreFromColumn(csat),
}));
const duckR = await time("duckdb NPS + CSAT SQL (counts and sums)", 5, async () => {
  const r = await con.runAndReadAll(`SELECT count(*) FILTER (WHERE nps >= 9)::INTEGER AS p, count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::INTEGER AS pa,
    count(*) FILTER (WHERE nps <= 6)::INTEGER AS d, count(*) FILTER (WHERE csat >= 4)::INTEGER AS sat, sum(csat)::DOUBLE AS s, sum(csat * csat)::DOUBLE AS sq FROM r`);
  return r.getRowObjectsJS()[0];
});
const equal = duckR.out.p === ekR.out.nps.promoters && duckR.out.sat === ekR.out.csat.satisfied;
console.log(`  NPS ${ekR.out.nps.score.toFixed(3)}, CSAT ${ekR.out.csat.share.toFixed(4)}; DuckDB counts equal: ${equal}`);
console.log(`BENCH ${JSON.stringify({ workload: `NPS + CSAT over ${N / 1e6}M responses`, engagekit: ekR.ms, peer: "duckdb", peerMs: duckR.ms, ratio: ekR.ms / duckR.ms, target: "≤ 1.0", note: `the core's column functions on Int8Array columns vs an in-memory DuckDB table; counts equal: ${equal}` })}`);
rmSync(dir, { recursive: true, force: true });
