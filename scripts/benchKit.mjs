// The one place every workload's bench takes its conventions from, so the
// root table (scripts/bench.mjs) can trust every row:
// - `quick` (ENGAGEKIT_BENCH_QUICK=1, set by `npm run bench -- --quick`): one
//   run, no warm-up, small data. CI runs it so the harness cannot rot; its
//   timings mean nothing and nothing asserts on them.
// - `size` (ENGAGEKIT_BENCH_SIZE, set by the scaling driver): a multiplier of
//   the workload's base size; `only` (ENGAGEKIT_BENCH_ONLY): comma-separated
//   workload keys a process should run (all when unset).
// - `measure`: median of `runs` after `warmup` calls, engagekit and its peer
//   measured alike in the same process.
// - `emit`: one `BENCH {json}` line per workload, with the process's peak RSS
//   so far (each bench file runs in its own process, workloads in order).

/** True in `--quick` mode: one run, small data, timings not meaningful. */
export const quick = process.env.ENGAGEKIT_BENCH_QUICK === "1";

/** Size multiplier set by the scaling driver; 1 otherwise. */
export const size = Number(process.env.ENGAGEKIT_BENCH_SIZE ?? 1);

const onlyList = (process.env.ENGAGEKIT_BENCH_ONLY ?? "").split(",").filter(Boolean);

/** Whether this process should run the workload with this key. */
export function selected(key) {
  return onlyList.length === 0 || onlyList.includes(key);
}

/** `full` normally, `small` in quick mode. */
export function pick(full, small) {
  return quick ? small : full;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median wall time (ms) of `runs` calls of `fn` after `warmup` calls (quick:
 * one call, no warm-up). `fn` may be async. Returns the last call's result too.
 * `gcBefore`: force a full collection before each timed call (needs --expose-gc).
 */
export async function measure(label, fn, { runs = 5, warmup = 1, gcBefore = false } = {}) {
  const n = quick ? 1 : runs;
  for (let i = 0; i < (quick ? 0 : warmup); i++) await fn();
  const times = [];
  let out;
  for (let i = 0; i < n; i++) {
    // Off by default: a forced full collection right before a call lowers V8's external-memory
    // limit, so a call allocating typed arrays pays another full collection inside the timed
    // region (3.5× on RFM over Online Retail). Steady state, GC included, is what users see.
    if (gcBefore) globalThis.gc?.();
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  if (label) console.log(`${label}: ${times.map((t) => t.toFixed(1)).join(" / ")} ms, median ${ms.toFixed(1)} ms`);
  return { ms, times, out };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMB() {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Prints one result row. Fields: `key` (stable id), `workload` (label), `unit`
 * ("ms" unless throughput: "req/s", "items/s"; "MB"), `engagekit`, `peer`
 * (name), `peerValue`, `peerSource` ("same run" or where a fixed figure comes
 * from), `ratio` (engagekit / peer for times, engagekit / peer for
 * throughputs too, as stated by `target`), `target` (text), `met` (true /
 * false / null when there is no target), `note`, and for scaling rows `group`
 * and `factor`.
 */
export function emit(row) {
  const full = {
    unit: "ms",
    peerSource: row.peer ? "same run" : undefined,
    met: null,
    ...row,
    ...(size !== 1 && row.factor === undefined ? { factor: size } : {}),
    // One cold run on small data says nothing about a target.
    ...(quick ? { met: null } : {}),
    peakRssMB: row.peakRssMB ?? peakRssMB(),
    runs: row.runs ?? (quick ? 1 : undefined),
    quick,
  };
  console.log(`BENCH ${JSON.stringify(full)}`);
}

/**
 * Data sets outside the repository: missing → a clear skip message, or an
 * error when ENGAGEKIT_REQUIRE_DATASETS=1 (CI).
 */
export function datasetMissing(what) {
  const msg = `${what} not found (set ENGAGEKIT_DATASETS or put ../shared/datasets beside the repo): skipped`;
  if (process.env.ENGAGEKIT_REQUIRE_DATASETS === "1") throw new Error(msg);
  console.log(msg);
}

/**
 * Benches run the server as deployed: production mode, so every request
 * carries an API key. The bench issues the key (`issueApiKey` with this
 * secret) and turns the per-key rate limit off: it measures throughput.
 */
export const BENCH_SECRET = "engagekit-bench-secret-0123456789";
export const BENCH_SERVER_ENV = { NODE_ENV: "production", ENGAGEKIT_SECRET: BENCH_SECRET, ENGAGEKIT_RATE_LIMIT: "0" };

/** JSON request headers with the bench's API key. */
export function jsonHeaders(apiKey) {
  return { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
}
