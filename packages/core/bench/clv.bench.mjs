// Lifetime-value models: fit times on the CDNOW 1/10 sample beside the peer's
// published figures (lifetimes 0.11.3, issue 4), a whole-process run, and
// BG/NBD + Gamma-Gamma on full Online Retail and the CDNOW master.
// Run after `npx tsc -p tsconfig.build.json`: node bench/run.mjs clv
// Keys: clv.fit.{bgnbd,paretonbd,mbgnbd,gammagamma}, clv.process.{wall,rss},
// clv.onlineretail.{bgnbd,gammagamma}, clv.cdnowmaster.{bgnbd,gammagamma}. Quick mode: one run of
// each (no warm-up), one child process; Online Retail stays whole (fitting it once is cheap).
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fitBgNbd, fitGammaGamma, fitModifiedBgNbd, fitParetoNbd, rfmSummary, rfmSummaryFromColumns } from "../dist/index.js";
import { datasetMissing, emit, measure, median, pick, quick, selected } from "../../../scripts/benchKit.mjs";
import { cleanedOnlineRetail, round, runsNote } from "./_common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const samplePath = resolve(repoRoot, "datasets/cdnow/CDNOW_sample.txt");
const datasetsRoot = process.env.ENGAGEKIT_DATASETS ?? resolve(repoRoot, "../shared/datasets");
const masterPath = resolve(datasetsRoot, "cdnow/CDNOW_master.txt");

const peerSource = "lifetimes 0.11.3 figures recorded in issue 4 (fixed, not run here)";

/** CDNOW text (sample: 5 fields, no header; master: 4 fields, one header line) → transactions. */
function parseCdnow(path) {
  const rows = [];
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length === 5) rows.push({ customerId: Number(f[1]), date: f[2], amount: Number(f[4]) });
    else if (f.length === 4 && /^\d+$/.test(f[0])) rows.push({ customerId: Number(f[0]), date: f[1], amount: Number(f[3]) });
  }
  return rows;
}

/**
 * benchKit `measure` (median wall time of `runs` calls after `warmup` calls), plus the median CPU
 * time of this process over the same calls (process.cpuUsage: user + system, so JIT and GC threads
 * count), which is less disturbed when other work shares the 2 cores.
 */
async function time(label, fn, runs = 5, warmup = 20) {
  const cpu = [];
  const m = await measure(
    label,
    () => {
      const c0 = process.cpuUsage();
      const out = fn();
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      return out;
    },
    { runs, warmup },
  );
  return { ms: m.ms, cpuMs: median(cpu.slice(-m.times.length)), out: m.out, runs: m.times.length };
}

// 1. Fits on the CDNOW sample (2,357 customers, calibration to 1997-09-30, weeks).
const calibration = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "weeks" };
const sample = rfmSummary(parseCdnow(samplePath), calibration);
const peer = { bgNbd: 93, paretoNbd: 524, modifiedBgNbd: 68, gammaGamma: 49 };
const fits = [
  ["BG/NBD", "bgNbd", () => fitBgNbd(sample), (f) => `r=${f.params.r.toFixed(4)} α=${f.params.alpha.toFixed(4)} a=${f.params.a.toFixed(4)} b=${f.params.b.toFixed(4)} LL=${f.logLikelihood.toFixed(2)}`],
  ["Pareto/NBD", "paretoNbd", () => fitParetoNbd(sample), (f) => `r=${f.params.r.toFixed(4)} α=${f.params.alpha.toFixed(4)} s=${f.params.s.toFixed(4)} β=${f.params.beta.toFixed(4)} LL=${f.logLikelihood.toFixed(2)}`],
  ["Modified BG/NBD", "modifiedBgNbd", () => fitModifiedBgNbd(sample), (f) => `r=${f.params.r.toFixed(4)} α=${f.params.alpha.toFixed(4)} a=${f.params.a.toFixed(4)} b=${f.params.b.toFixed(4)} LL=${f.logLikelihood.toFixed(2)}`],
  ["Gamma-Gamma", "gammaGamma", () => fitGammaGamma(sample), (f) => `p=${f.params.p.toFixed(4)} q=${f.params.q.toFixed(4)} γ=${f.params.gamma.toFixed(4)} LL=${f.logLikelihood.toFixed(2)}`],
];
const fitKeys = { bgNbd: "clv.fit.bgnbd", paretoNbd: "clv.fit.paretonbd", modifiedBgNbd: "clv.fit.mbgnbd", gammaGamma: "clv.fit.gammagamma" };
const fitsHow = quick ? "one fresh fit, no warm-up (quick mode)" : "median of 5 fresh fits after 20 warm-up fits (fewer left the Gamma-Gamma fit, ~1 ms each, timed while V8 was still compiling it: CPU time twice the wall time)";
console.log(`CDNOW sample: 2,357 customers; ${fitsHow} (each with standard errors)`);
for (const [label, key, fit, describe] of fits) {
  if (!selected(fitKeys[key])) continue;
  const { ms, cpuMs, out: f } = await time(null, fit);
  console.log(`  ${label.padEnd(16)} ${ms.toFixed(2).padStart(8)} ms wall ${cpuMs.toFixed(2).padStart(8)} ms cpu   lifetimes 0.11.3: ${peer[key]} ms   ${describe(f)}  converged=${f.convergence.converged}`);
  if (!f.convergence.converged) process.exitCode = 1;
  const ratio = ms / peer[key];
  emit({
    key: fitKeys[key],
    workload: `clv fit ${label} (CDNOW sample, 2,357 customers)`,
    engagekit: round(ms),
    peer: "lifetimes 0.11.3",
    peerValue: peer[key],
    peerSource,
    ratio: round(ratio, 4),
    target: "≤ 0.05",
    met: ratio <= 0.05,
    cpuMs: round(cpuMs),
    note: `wall time, ${fitsHow} (cpuMs: median process CPU time); peer figure from issue 4 (median of 5, fresh fitter each)`,
  });
}

// 2. A whole node process: import, parse + RFM summary, four fits.
const child = `
const t0 = performance.now();
const { readFileSync } = await import("node:fs");
// The clv entry point (@engagekit/core/clv): a CLV script need not load the other areas.
const core = await import(${JSON.stringify(pathToFileURL(resolve(here, "../dist/clv/index.js")).href)});
const tImport = performance.now();
const rows = [];
for (const line of readFileSync(${JSON.stringify(samplePath)}, "utf8").split(/\\r?\\n/)) {
  const f = line.trim().split(/\\s+/);
  if (f.length === 5) rows.push({ customerId: Number(f[1]), date: f[2], amount: Number(f[4]) });
}
const s = core.rfmSummary(rows, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "weeks" });
const fits = [core.fitBgNbd(s), core.fitParetoNbd(s), core.fitModifiedBgNbd(s), core.fitGammaGamma(s)];
if (!fits.every((f) => f.convergence.converged)) process.exit(2);
console.log(JSON.stringify({ inProcessMs: performance.now() - t0, importMs: tImport - t0, maxRssKb: process.resourceUsage().maxRSS }));
`;
if (selected("clv.process.wall") || selected("clv.process.rss")) {
  const walls = [];
  const rss = [];
  const inProcess = [];
  const imports = [];
  const spawns = pick(5, 1);
  for (let i = 0; i < spawns; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", child], { encoding: "utf8" });
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`whole-process child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim());
    rss.push(out.maxRssKb / 1024);
    inProcess.push(out.inProcessMs);
    imports.push(out.importMs);
  }
  const wall = median(walls);
  const mb = median(rss);
  const how = spawns > 1 ? `median of ${spawns}` : "one run (quick mode)";
  console.log(`Whole process (spawn node, import, RFM of CDNOW sample, 4 fits), ${how}: ${wall.toFixed(0)} ms wall (${median(inProcess).toFixed(0)} ms inside the process, of which ${median(imports).toFixed(0)} ms importing @engagekit/core with its @stdlib dependencies), max RSS ${mb.toFixed(1)} MB; lifetimes 0.11.3: 1720 ms, 115 MB`);
  if (selected("clv.process.wall")) {
    const ratio = wall / 1720;
    emit({ key: "clv.process.wall", workload: "clv whole process: node + import + RFM + 4 fits (CDNOW sample)", engagekit: round(wall, 1), peer: "lifetimes 0.11.3 (python process)", peerValue: 1720, peerSource, ratio: round(ratio, 4), target: "≤ 0.145 (≤ 250 ms)", met: ratio <= 0.145, note: `spawnSync wall time, ${how}; includes node start-up (node -e 0 alone is about 50-60 ms) and ${median(imports).toFixed(0)} ms of module import` });
  }
  if (selected("clv.process.rss")) {
    emit({ key: "clv.process.rss", workload: "clv whole process max RSS", unit: "MB", engagekit: round(mb, 1), peer: "lifetimes 0.11.3 (python process)", peerValue: 115, peerSource, ratio: round(mb / 115, 4), target: null, met: null, note: `process.resourceUsage().maxRSS of the child, ${how} (reported, no target)` });
  }
}

// 3. Larger data: BG/NBD + Gamma-Gamma on full Online Retail and the CDNOW master.
async function bigFits(label, keyBase, summary, note) {
  const n = summary.customerIds.length;
  const bg = await time(null, () => fitBgNbd(summary), 3, 1);
  // Gamma-Gamma needs positive spend: drop repeat customers whose repeat purchases were all $0.00.
  const spend = { frequency: [], monetaryValue: [] };
  summary.frequency.forEach((x, i) => {
    if (x === 0 || summary.monetaryValue[i] > 0) {
      spend.frequency.push(x);
      spend.monetaryValue.push(summary.monetaryValue[i]);
    }
  });
  const gg = await time(null, () => fitGammaGamma(spend), 3, 1);
  const b = bg.out;
  const g = gg.out;
  console.log(`${label}: ${n} customers; BG/NBD ${bg.ms.toFixed(2)} ms (converged=${b.convergence.converged}, r=${b.params.r.toFixed(4)} α=${b.params.alpha.toFixed(3)} a=${b.params.a.toFixed(4)} b=${b.params.b.toFixed(4)}), Gamma-Gamma ${gg.ms.toFixed(2)} ms on ${g.customers} repeat customers (converged=${g.convergence.converged}, p=${g.params.p.toFixed(3)} q=${g.params.q.toFixed(3)} γ=${g.params.gamma.toFixed(3)})`);
  for (const [model, key, r] of [["BG/NBD", "bgnbd", bg], ["Gamma-Gamma", "gammagamma", gg]]) {
    emit({ key: `${keyBase}.${key}`, workload: `clv fit ${model} (${label}, ${n} customers)`, engagekit: round(r.ms), peer: null, peerValue: null, ratio: null, target: null, met: null, cpuMs: round(r.cpuMs), note: `${note}; ${runsNote(3)}; no published peer figure` });
  }
}

if (selected("clv.onlineretail.bgnbd") || selected("clv.onlineretail.gammagamma")) {
  const t0 = performance.now();
  const retail = cleanedOnlineRetail(1, { quickRows: Infinity }); // the whole file even in quick mode: fits on a month's slice do not converge
  if (retail) {
    const customerId = Array.from(retail.customer);
    const date = Array.from(retail.time);
    const amount = Array.from(retail.quantity, (q, i) => q * retail.unitPrice[i]);
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    const summary = rfmSummaryFromColumns({ customerId, date, amount }, { timeUnit: "days" });
    const rfmMs = performance.now() - t1;
    console.log(`${retail.label}: load + clean ${loadMs.toFixed(0)} ms (${customerId.length} rows), rfmSummaryFromColumns ${rfmMs.toFixed(1)} ms (days, whole period as calibration)`);
    await bigFits("Online Retail", "clv.onlineretail", summary, "cleaned per the shared loader; days");
  }
}

if (selected("clv.cdnowmaster.bgnbd") || selected("clv.cdnowmaster.gammagamma")) {
  if (existsSync(masterPath)) {
    const rows = parseCdnow(masterPath);
    const summary = rfmSummary(rows, calibration);
    await bigFits("CDNOW master", "clv.cdnowmaster", summary, "calibration to 1997-09-30, weeks");
  } else {
    datasetMissing(`CDNOW master (${masterPath})`);
  }
}
