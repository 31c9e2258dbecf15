// Helpers shared by this package's bench files (conventions come from scripts/benchKit.mjs).
//
// `scaled(n)`: a workload's size. Normally `n` (its size in the main run, already quick-adjusted);
// under the scaling driver (ENGAGEKIT_BENCH_SIZE set) the 1× base is n / 16 and the size is
// base × factor, so the 16× run is the main run's size.
//
// `withHeapGrowth(fn)`: wraps a measured call to also record how much the JS heap plus array
// buffers grew during the call (benchKit's `measure` collects garbage before each call, so this is
// the call's allocations still uncollected at its end: a lower bound on its own peak memory).
//
// Online Retail for the bench files, cleaned (see _data/onlineRetail.mjs) and as typed columns.
// - quick mode (benchKit `quick`): only the first 20,000 cleaned rows (option `quickRows`);
// - `copies` > 1 (the scaling driver's size factor): the rows replicated `copies` times, customer
//   ids offset per copy (copy k adds k × (max id + 1)) so every copy is a new set of customers with
//   the same history; dates, invoices and amounts unchanged.
// Returns null (after benchKit's `datasetMissing` message) when the file is not there.
import { spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { datasetMissing, quick, size } from "../../../scripts/benchKit.mjs";
import { hasOnlineRetail, loadOnlineRetail, onlineRetailCleanMask, onlineRetailFile } from "./_data/onlineRetail.mjs";

export const QUICK_ROWS = 20_000;

/** Whether the scaling driver started this process. */
export const scaling = process.env.ENGAGEKIT_BENCH_SIZE !== undefined;

/** The workload size: `n` normally; (n / 16) × factor under the scaling driver. */
export function scaled(n) {
  return scaling ? Math.max(1, Math.round((n / 16) * size)) : n;
}

const memNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** `{ fn, mb() }`: `fn` calls `inner` and records its heap (+ array buffer) growth; `mb()` is the largest seen, in MB. */
export function withHeapGrowth(inner) {
  let max = 0;
  return {
    fn: async () => {
      const before = memNow();
      const out = await inner();
      max = Math.max(max, memNow() - before);
      return out;
    },
    mb: () => Math.round(max / 1048576),
  };
}

// The core's seeded generator (src/stats/mulberry32.ts), so benches and the bootstrap share one.
export { mulberry32 } from "../dist/stats/mulberry32.js";

/** Writes `n` CSV lines (`line(i)`, no newline) after `header`, 100k lines at a time (no whole-file string in memory). */
export function writeCsv(path, header, n, line) {
  const fd = openSync(path, "w");
  try {
    if (header) writeSync(fd, `${header}\n`);
    for (let s = 0; s < n; s += 100_000) {
      let chunk = "";
      for (let i = s; i < Math.min(n, s + 100_000); i++) chunk += `${line(i)}\n`;
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
}

/** How a figure was measured, for notes. */
export const runsNote = (runs, warmup = 1) => (quick ? "one run, no warm-up (quick mode)" : `median of ${runs} after ${warmup} warm-up`);

export const round = (v, d = 3) => (v == null || !Number.isFinite(v) ? v : Math.round(v * 10 ** d) / 10 ** d);

/**
 * @returns {null | { n: number, baseRows: number, copies: number, customers: number, maxCustomer: number,
 *   customer: Int32Array, invoice: Int32Array, time: Float64Array, quantity: Int32Array, unitPrice: Float64Array, label: string }}
 */
export function cleanedOnlineRetail(copies = scaling ? size : 1, { quickRows = QUICK_ROWS } = {}) {
  if (!hasOnlineRetail()) {
    datasetMissing(`Online Retail (${onlineRetailFile})`);
    return null;
  }
  copies = Math.max(1, Math.round(copies));
  const cols = loadOnlineRetail();
  const mask = onlineRetailCleanMask(cols);
  let rows = 0;
  for (let i = 0; i < cols.n; i++) rows += mask[i];
  const cut = quick && rows > quickRows;
  if (cut) rows = quickRows;
  const n = rows * copies;
  const customer = new Int32Array(n);
  const invoice = new Int32Array(n);
  const time = new Float64Array(n);
  const quantity = new Int32Array(n);
  const unitPrice = new Float64Array(n);
  let maxId = 0;
  for (let i = 0, j = 0; i < cols.n && j < rows; i++) {
    if (!mask[i]) continue;
    customer[j] = cols.customerId[i];
    invoice[j] = Number.parseInt(cols.invoiceNo[i], 10);
    if (!Number.isFinite(invoice[j])) throw new Error(`unexpected invoice number ${cols.invoiceNo[i]}`);
    time[j] = cols.invoiceDate[i];
    quantity[j] = cols.quantity[i];
    unitPrice[j] = cols.unitPrice[i];
    if (customer[j] > maxId) maxId = customer[j];
    j++;
  }
  const stride = maxId + 1;
  for (let k = 1; k < copies; k++) {
    const o = k * rows;
    for (let j = 0; j < rows; j++) customer[o + j] = customer[j] + k * stride;
    invoice.copyWithin(o, 0, rows);
    time.copyWithin(o, 0, rows);
    quantity.copyWithin(o, 0, rows);
    unitPrice.copyWithin(o, 0, rows);
  }
  const seen = new Uint8Array(stride);
  let distinct = 0;
  for (let j = 0; j < rows; j++) {
    if (seen[customer[j]] === 0) (seen[customer[j]] = 1), distinct++;
  }
  const rowsText = `${cut ? "first " : ""}${rows.toLocaleString("en")}${cut ? " cleaned" : ""} rows`;
  const label = copies > 1 ? `Online Retail ×${copies} (${rowsText} each, ${n.toLocaleString("en")} rows)` : `Online Retail (${rowsText})`;
  return {
    n,
    baseRows: rows,
    copies,
    customers: distinct * copies,
    maxCustomer: (copies - 1) * stride + maxId,
    customer,
    invoice,
    time,
    quantity,
    unitPrice,
    label,
  };
}

/**
 * Runs one bench file at one size (`ENGAGEKIT_BENCH_SIZE=factor`, only the workload keys given) in its own node
 * process; resolves to its exit code and BENCH rows, passing its other output through, indented.
 */
export function runBenchAtSize(file, keys, factor) {
  return new Promise((resolveRun) => {
    const env = { ...process.env, NODE_ENV: "production", ENGAGEKIT_BENCH_SIZE: String(factor), ENGAGEKIT_BENCH_ONLY: keys.join(",") };
    const child = spawn(process.execPath, ["--expose-gc", file], { env, stdio: ["ignore", "pipe", "inherit"] });
    const rows = [];
    let buf = "";
    const line = (l) => {
      if (l.startsWith("BENCH ")) rows.push(JSON.parse(l.slice(6)));
      else if (l) console.log(`  [${factor}×] ${l}`);
    };
    child.stdout.on("data", (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        line(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
    child.on("close", (code) => {
      line(buf);
      resolveRun({ code, rows });
    });
  });
}
