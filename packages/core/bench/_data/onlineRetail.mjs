// Loader for the UCI Online Retail file (../shared/datasets/online_retail/online_retail.csv.gz),
// shared by tests and benchmarks. Parses the CSV (RFC 4180 quoting) into columns.
import { readFileSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const datasetsRoot = process.env.ENGAGEKIT_DATASETS ?? resolve(repoRoot, "../shared/datasets");
export const onlineRetailFile = resolve(datasetsRoot, "online_retail/online_retail.csv.gz");

export function hasOnlineRetail() {
  return existsSync(onlineRetailFile);
}

/** Splits one CSV line into fields, honouring double quotes. */
function splitCsv(line) {
  if (!line.includes('"')) return line.split(",");
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(field); field = ""; }
    else field += c;
  }
  out.push(field);
  return out;
}

/** Parses `YYYY-MM-DD HH:MM:SS` as UTC wall-clock milliseconds (the file has no time zone). */
function parseTime(s) {
  return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19));
}

/**
 * All 541,909 rows as columns. customerId is -1 where the source is empty.
 * @returns {{ n: number, invoiceNo: string[], stockCode: string[], quantity: Int32Array, invoiceDate: Float64Array,
 *   unitPrice: Float64Array, customerId: Int32Array, country: string[] }}
 */
export function loadOnlineRetail(file = onlineRetailFile) {
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const n = lines.length - 1;
  const cols = {
    n,
    invoiceNo: new Array(n),
    stockCode: new Array(n),
    quantity: new Int32Array(n),
    invoiceDate: new Float64Array(n),
    unitPrice: new Float64Array(n),
    customerId: new Int32Array(n),
    country: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = splitCsv(lines[i + 1]);
    cols.invoiceNo[i] = f[0];
    cols.stockCode[i] = f[1];
    cols.quantity[i] = +f[3];
    cols.invoiceDate[i] = parseTime(f[4]);
    cols.unitPrice[i] = +f[5];
    cols.customerId[i] = f[6] === "" ? -1 : +f[6];
    cols.country[i] = f[7];
  }
  return cols;
}

/**
 * The usual cleaning for customer-level work (RFM, CLV, cohorts): keep rows with a
 * customer id, not on a cancellation invoice (InvoiceNo starting with "C"), with
 * Quantity > 0 and UnitPrice > 0. Returns a Uint8Array mask (1 = keep).
 */
export function onlineRetailCleanMask(cols) {
  const keep = new Uint8Array(cols.n);
  for (let i = 0; i < cols.n; i++) {
    keep[i] = cols.customerId[i] >= 0 && !cols.invoiceNo[i].startsWith("C") && cols.quantity[i] > 0 && cols.unitPrice[i] > 0 ? 1 : 0;
  }
  return keep;
}

/**
 * The cleaned log as the customer-level columns CLV work takes (`rfmSummaryFromColumns`): customer id,
 * invoice time and line amount = quantity × unit price, for the rows {@link onlineRetailCleanMask} keeps.
 */
export function onlineRetailTransactions(cols = loadOnlineRetail()) {
  const keep = onlineRetailCleanMask(cols);
  const customerId = [];
  const date = [];
  const amount = [];
  for (let i = 0; i < cols.n; i++) {
    if (keep[i] !== 1) continue;
    customerId.push(cols.customerId[i]);
    date.push(cols.invoiceDate[i]);
    amount.push(cols.quantity[i] * cols.unitPrice[i]);
  }
  return { customerId, date, amount };
}
