// Scaling: each analytic workload at 1×, 4× and 16× its base size, with its peer at each size.
// Every (workload, size) runs the workload's own bench file in a fresh node process (so DuckDB's
// memory does not pile up and peakRssMB is that size's), with ENGAGEKIT_BENCH_SIZE=<factor> and
// ENGAGEKIT_BENCH_ONLY=<workload keys>. The child's rows are re-emitted with `factor` and
// group "scaling", then one summary row per workload: key "<key>.scaling", unit "×", engagekit =
// time(16×) / time(1×), peerValue = the peer's growth, ratio = engagekit growth / peer growth.
//
// Bases (1×; the bench files define them through _common.mjs `scaled` and `cleanedOnlineRetail`):
// - metrics.cohort, segments.rfm: Online Retail (cleaned) replicated k times, customer ids offset
//   per copy, dates unchanged — vs DuckDB;
// - journey.funnel, journey.stages: generated logs, 312,500 events / 31,250 customers (16× = the
//   main run's 5M / 500k) — vs DuckDB;
// - segments.eval: 62,500 profiles × the 20-condition definition (16× = 1M) — vs json-logic-js;
// - metrics.nps: NPS + CSAT over 625,000 responses (16× = 10M) — vs DuckDB.
// Quick mode: factors 1, 4 and 16 of the quick sizes divided by 16 (so 16× is the quick run's size;
// Online Retail: its first 20k cleaned rows × k), one run each.
// ENGAGEKIT_SCALING_FACTORS=1,2,4 overrides the factors. Run: node bench/run.mjs scaling (after the build).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emit, quick, selected } from "../../../scripts/benchKit.mjs";
import { round, runBenchAtSize } from "./_common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const FACTORS = (process.env.ENGAGEKIT_SCALING_FACTORS ?? "1,4,16").split(",").map(Number);

const orRows = quick ? "the first 20,000 cleaned rows of Online Retail" : "Online Retail (397,884 cleaned rows)";
const WORKLOADS = [
  {
    file: "metrics.bench.mjs",
    keys: ["metrics.cohort"],
    labels: { "metrics.cohort": "cohort retention (month) + repeat purchase" },
    base: `1× = ${orRows}; k× = k copies, customer ids offset per copy, dates unchanged`,
  },
  {
    file: "segments.bench.mjs",
    keys: ["segments.rfm"],
    labels: { "segments.rfm": "segments: RFM quintiles" },
    base: `1× = ${orRows}; k× = k copies, customer ids offset per copy, dates unchanged`,
  },
  {
    file: "journey.bench.mjs",
    keys: ["journey.funnel", "journey.stages"],
    labels: { "journey.funnel": "journey funnel 4 steps 7d", "journey.stages": "journey stage inference" },
    base: quick ? "1× ≈ 3,125 events / 313 customers (16× = the quick run)" : "1× = 312,500 events / 31,250 customers (16× = the main run's 5M / 500k)",
  },
  {
    file: "segments.bench.mjs",
    keys: ["segments.eval"],
    labels: { "segments.eval": "segments: profiles × 20-condition definition" },
    base: quick ? "1× = 1,250 profiles (16× = the quick run)" : "1× = 62,500 profiles (16× = the main run's 1M)",
  },
  {
    file: "metrics.bench.mjs",
    keys: ["metrics.nps"],
    labels: { "metrics.nps": "NPS + CSAT" },
    base: quick ? "1× = 6,250 responses (16× = the quick run)" : "1× = 625,000 responses (16× = the main run's 10M)",
  },
];

const started = performance.now();
let failed = 0;
for (const w of WORKLOADS) {
  const keys = w.keys.filter((k) => selected(k) || selected(`${k}.scaling`));
  if (keys.length === 0) continue;
  console.log(`scaling ${keys.join(", ")} (${w.file}) at ${FACTORS.map((f) => `${f}×`).join(", ")}; ${w.base}`);
  const byKey = Object.fromEntries(keys.map((k) => [k, []]));
  for (const factor of FACTORS) {
    const t0 = performance.now();
    const { code, rows } = await runBenchAtSize(join(here, w.file), keys, factor);
    if (code !== 0) {
      failed++;
      console.log(`  [${factor}×] ${w.file} exited with ${code}`);
    }
    for (const row of rows) {
      emit({ ...row, group: "scaling", factor });
      byKey[row.key]?.push({ factor, row });
    }
    console.log(`  [${factor}×] process ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  for (const key of keys) {
    const runs = byKey[key].sort((a, b) => a.factor - b.factor);
    if (runs.length < 2) {
      console.log(`scaling ${key}: fewer than two sizes ran (data set missing?): no summary row`);
      continue;
    }
    const first = runs[0];
    const last = runs[runs.length - 1];
    const span = last.factor / first.factor;
    const ekGrowth = last.row.engagekit / first.row.engagekit;
    const peerGrowth = last.row.peerValue / first.row.peerValue;
    const times = (get) => runs.map((r) => `${r.factor}× ${get(r.row)}`).join(", ");
    emit({
      key: `${key}.scaling`,
      group: "scaling",
      workload: `${w.labels[key]}: growth ${first.factor}× → ${last.factor}×`,
      unit: "×",
      engagekit: round(ekGrowth, 2),
      peer: first.row.peer,
      peerValue: round(peerGrowth, 2),
      ratio: round(ekGrowth / peerGrowth, 3),
      target: `≈ ${span} (linear)`,
      met: ekGrowth <= span * 1.25,
      peakRssMB: last.row.peakRssMB,
      note: `growth = time at ${last.factor}× ÷ time at ${first.factor}×; engagekit ${times((r) => `${r.engagekit} ${r.unit}`)}; ${first.row.peer} ${times((r) => `${r.peerValue} ${r.unit}`)}; ${w.base}; met if engagekit grows ≤ 1.25 × linear; peak RSS (engagekit and peer in one process) ${times((r) => `${r.peakRssMB} MB`)}${runs.every((r) => r.row.heapGrowthMB != null) ? `; engagekit heap growth of one call ${times((r) => `${r.heapGrowthMB} MB`)}` : ""}`,
    });
  }
}
console.log(`scaling: ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
