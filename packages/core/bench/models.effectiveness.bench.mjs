// Engagement-model effectiveness benchmark: modelEffectiveness over 1M synthetic customers × 5 models
// (quick: 20k; scaling base 62,500) vs DuckDB computing the same per-model rates and means in SQL.
// Workload key: models.effectiveness. Run: node --expose-gc bench/models.effectiveness.bench.mjs
// (after `npx tsc -p tsconfig.build.json`).
//
// What each side computes, timed:
// - engagekit: modelEffectiveness(rows, { models, bootstrap: false }) on an array of row objects — one
//   pass of sufficient statistics per model, then per model NPS (normal interval), CSAT share (Wilson),
//   retention, churn and repeat-purchase rates (Wilson), revenue and predicted-CLV means (t intervals),
//   4 × 7 differences to the reference (Newcombe, Welch, NPS), Holm adjustment, ROI with the Welch
//   interval, and the report objects.
// - DuckDB: one GROUP BY model over the same rows in an in-memory table (loaded from CSV before timing):
//   counts, the rates (avg of the 0/1 flags), NPS bucket counts, CSAT top-2-box counts, and for revenue,
//   CLV and CSAT count / sum / sum of squares / avg / stddev_samp — the inputs of every interval, but no
//   interval, difference or adjustment (those are O(models) on top) — read back into JS objects.
// The bootstrap (default 2000 replicates, O(samples × rows)) is measured separately and reported in the note.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { modelEffectiveness } from "../dist/index.js";
import { emit, measure, median, pick, quick, selected } from "../../../scripts/benchKit.mjs";
import { mulberry32, round, runsNote, scaled, withHeapGrowth, writeCsv } from "./_common.mjs";

const gc = () => globalThis.gc?.();

if (selected("models.effectiveness")) {
  const N = scaled(pick(1_000_000, 20_000));
  const rnd = mulberry32(18);
  const MODELS = [
    { id: "csm", share: 0.05, cost: 40, keep: 0.93, lift: 60 },
    { id: "high_touch", share: 0.1, cost: 25, keep: 0.9, lift: 35 },
    { id: "hybrid", share: 0.15, cost: 8, keep: 0.86, lift: 12 },
    { id: "low_touch", share: 0.3, cost: 3, keep: 0.82, lift: 4 },
    { id: "self_service", share: 0.4, cost: 0.5, keep: 0.78, lift: 0 },
  ];
  const models = MODELS.map((m) => ({ id: m.id, cost: { perCustomer: m.cost } }));
  const SEGMENTS = ["smb", "mid_market", "enterprise"];
  const rows = new Array(N);
  for (let i = 0; i < N; i++) {
    let u = rnd();
    let m = MODELS[MODELS.length - 1];
    for (const x of MODELS) {
      if (u < x.share) {
        m = x;
        break;
      }
      u -= x.share;
    }
    const row = {
      customer: `c${i}`,
      model: m.id,
      segment: SEGMENTS[Math.floor(rnd() * 3)],
      retained: rnd() < m.keep,
      repeatPurchase: rnd() < m.keep - 0.3,
      revenue: Math.round((20 + m.lift + 80 * rnd() * rnd()) * 100) / 100,
      predictedClv: Math.round((200 + 5 * m.lift + 600 * rnd()) * 100) / 100,
    };
    if (rnd() < 0.3) row.nps = Math.min(10, Math.floor(rnd() * 9) + (m.lift > 10 ? 2 : 0));
    if (rnd() < 0.2) row.csat = 1 + Math.floor(rnd() * 5);
    rows[i] = row;
  }

  const dir = mkdtempSync(join(tmpdir(), "engagekit-models-bench-"));
  const csv = join(dir, "rows.csv");
  const b = (v) => (v ? 1 : 0);
  writeCsv(csv, "customer,model,segment,retained,repeat,revenue,clv,nps,csat", N, (i) => {
    const r = rows[i];
    return `${r.customer},${r.model},${r.segment},${b(r.retained)},${b(r.repeatPurchase)},${r.revenue},${r.predictedClv},${r.nps ?? ""},${r.csat ?? ""}`;
  });
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  await con.run(`CREATE TABLE rows AS SELECT * FROM read_csv('${csv}', header = true, nullstr = '', columns = {'customer': 'VARCHAR', 'model': 'VARCHAR', 'segment': 'VARCHAR',
    'retained': 'TINYINT', 'repeat': 'TINYINT', 'revenue': 'DOUBLE', 'clv': 'DOUBLE', 'nps': 'TINYINT', 'csat': 'TINYINT'})`);
  rmSync(dir, { recursive: true, force: true });
  const sql = `SELECT model, count(*)::INTEGER AS n,
      count(retained)::INTEGER AS status_n, sum(retained)::INTEGER AS retained, avg(retained) AS retention, 1 - avg(retained) AS churn,
      count(repeat)::INTEGER AS repeat_n, sum(repeat)::INTEGER AS repeaters, avg(repeat) AS repeat_rate,
      count(revenue)::INTEGER AS rev_n, sum(revenue) AS rev_sum, sum(revenue * revenue) AS rev_sq, avg(revenue) AS rev_mean, stddev_samp(revenue) AS rev_sd,
      count(clv)::INTEGER AS clv_n, sum(clv) AS clv_sum, sum(clv * clv) AS clv_sq, avg(clv) AS clv_mean, stddev_samp(clv) AS clv_sd,
      count(*) FILTER (WHERE nps >= 9)::INTEGER AS promoters, count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::INTEGER AS passives, count(*) FILTER (WHERE nps <= 6)::INTEGER AS detractors,
      count(csat)::INTEGER AS csat_n, count(*) FILTER (WHERE csat >= 4)::INTEGER AS satisfied, sum(csat)::DOUBLE AS csat_sum, sum(csat * csat)::DOUBLE AS csat_sq, avg(csat) AS csat_mean
    FROM rows GROUP BY model ORDER BY model`;
  const duck = async () => (await con.runAndReadAll(sql)).getRowObjectsJS();
  const ek = () => modelEffectiveness(rows, { models, bootstrap: false });

  // Agreement first (also the warm-up of both).
  const mine = ek();
  const theirs = await duck();
  let mismatches = 0;
  for (const t of theirs) {
    const g = mine.models.find((x) => x.model === t.model);
    const same =
      g &&
      g.n === t.n &&
      g.retention.estimate.count === t.retained &&
      g.repeatPurchase.estimate.count === t.repeaters &&
      g.nps.estimate.promoters === t.promoters &&
      g.nps.estimate.detractors === t.detractors &&
      g.csat.estimate.satisfied === t.satisfied &&
      Math.abs(g.revenue.estimate.mean - t.rev_mean) <= 1e-9 * Math.abs(t.rev_mean) &&
      Math.abs(g.revenue.estimate.standardDeviation - t.rev_sd) <= 1e-6 * t.rev_sd &&
      Math.abs(g.predictedClv.estimate.mean - t.clv_mean) <= 1e-9 * Math.abs(t.clv_mean);
    if (!same) mismatches++;
  }
  if (mismatches > 0 || theirs.length !== 5) process.exitCode = 1;

  const ekHeap = withHeapGrowth(ek);
  const ekTimes = [];
  const duckTimes = [];
  const RUNS = quick ? 1 : 9;
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    await ekHeap.fn();
    ekTimes.push(performance.now() - t);
    t = performance.now();
    await duck();
    duckTimes.push(performance.now() - t);
  }
  const e = median(ekTimes);
  const d = median(duckTimes);
  console.log(`models.effectiveness: engagekit ${ekTimes.map((x) => x.toFixed(1)).join(" / ")} ms; duckdb ${duckTimes.map((x) => x.toFixed(1)).join(" / ")} ms`);

  // Not in the ratio: by segment (3 segments × 5 models more groups and comparisons), and the bootstrap.
  const seg = await measure("modelEffectiveness by segment", () => modelEffectiveness(rows, { models, by: "segment", bootstrap: false }), { runs: 3, warmup: 0 });
  gc();
  const SAMPLES = pick(200, 200);
  const boot = await measure(`modelEffectiveness with a ${SAMPLES}-replicate bootstrap`, () => modelEffectiveness(rows, { models, bootstrap: { samples: SAMPLES, seed: 1 } }), { runs: 1, warmup: 0 });
  const perReplicate = boot.ms / SAMPLES;
  const roiCsm = boot.out.roi.find((r) => r.model === "csm");
  console.log(`  ROI csm vs ${boot.out.reference}: ${roiCsm.roi.toFixed(4)} [${roiCsm.interval.lower.toFixed(4)}, ${roiCsm.interval.upper.toFixed(4)}] (bootstrap, ${SAMPLES}); Welch: [${mine.roi.find((r) => r.model === "csm").interval.lower.toFixed(4)}, ${mine.roi.find((r) => r.model === "csm").interval.upper.toFixed(4)}]`);

  const M = N >= 1e6 ? `${N / 1e6}M` : N.toLocaleString("en");
  const ratio = e / d;
  emit({
    key: "models.effectiveness",
    workload: `models: effectiveness of 5 engagement models over ${M} customers (rates and means with intervals)`,
    engagekit: round(e, 2),
    peer: "duckdb",
    peerValue: round(d, 2),
    ratio: round(ratio, 4),
    target: "≤ 1.0×",
    met: ratio <= 1,
    heapGrowthMB: ekHeap.mb(),
    note: `engagekit: modelEffectiveness(rows, { models, bootstrap: false }) on row objects — per model n, NPS, CSAT share, retention, churn, repeat-purchase rates with Wilson/normal intervals, revenue and CLV means with t intervals, 28 differences to the reference (Newcombe/Welch/NPS) Holm-adjusted, ROI with the Welch interval; DuckDB: one GROUP BY model on a table loaded from CSV before timing (counts, avg of the 0/1 flags, NPS and CSAT bucket counts, count/sum/sum of squares/avg/stddev_samp of revenue, CLV and CSAT; no intervals), result read into JS objects; ${mismatches} mismatches of counts and means; ${quick ? runsNote(1) : `median of ${RUNS} interleaved runs after an agreement pass as warm-up`}; not in the ratio: by segment (15 groups) ${round(seg.ms, 1)} ms, ROI bootstrap ${round(boot.ms, 0)} ms for ${SAMPLES} replicates (${round(perReplicate, 2)} ms per replicate, so ≈ ${round((perReplicate * 2000) / 1000, 1)} s at the default 2000); peak RSS covers the ${M} row objects, both sides and the bootstrap in one process`,
  });
}
