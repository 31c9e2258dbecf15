import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import { DAY_MS } from "./_internal/time.js";

/** Transactions as parallel columns (one row per order line or per order). */
export interface RfmTransactions {
  /** Integer customer id per row. */
  readonly customer: ArrayLike<number>;
  /** Integer order id per row; frequency counts distinct orders (each order belongs to one customer). Without it, rows are counted. */
  readonly order?: ArrayLike<number>;
  /** Epoch ms per row. */
  readonly time: ArrayLike<number>;
  /** Amount per row (e.g. quantity × unit price, or cents). */
  readonly amount: ArrayLike<number>;
  /** Optional row filter: rows with mask 0 are ignored. */
  readonly mask?: ArrayLike<number>;
}

/** Per-customer RFM inputs, ascending by customer id. */
export interface RfmCustomers {
  readonly customers: Float64Array;
  /** (asOf − last purchase) / 86 400 000, fractional days. */
  readonly recencyDays: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

/**
 * Aggregates transactions into per-customer recency, frequency and monetary
 * value — the inputs of {@link rfmScores} — in one columnar pass.
 *
 * Definition: recency = (asOf − max time) / 1 day; frequency = number of distinct
 * orders (rows when `order` is absent); monetary = Σ amount. Customers are
 * returned in ascending id order.
 *
 * Complexity: O(rows) when ids are dense integers (a lookup table of size
 * max − min + 1 ≤ 4·rows), else O(rows) expected with a hash map; plus
 * O(orders range) memory for distinct-order counting.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when no row is kept; `METRIC.INCONSISTENT` for columns of different lengths;
 *   `METRIC.NOT_INTEGER` for a non-integer customer or order id; `METRIC.NOT_FINITE` for a bad time, amount or asOf
 * @category Value
 * @example
 * const c = rfmFromTransactions({ customer: [7, 7, 9], order: [1, 2, 3], time: [0, 86400000, 0], amount: [10, 5, 3] }, { asOf: 2 * 86400000 });
 * [...c.customers, ...c.recencyDays, ...c.frequency, ...c.monetary] // => [7, 9, 1, 2, 2, 1, 15, 3]
 */
export function rfmFromTransactions(tx: RfmTransactions, options: { readonly asOf: number }): RfmCustomers {
  const { customer, order, time, amount, mask } = tx;
  const n = customer.length;
  assertFinite("rfmFromTransactions", options.asOf, ["options", "asOf"]);
  for (const [name, col] of [["time", time], ["amount", amount], ["order", order], ["mask", mask]] as const) {
    if (col !== undefined && col.length !== n) {
      throw new InputError(ErrorCodes.INCONSISTENT, `rfmFromTransactions requires columns of equal length, got ${name} of ${col.length} for ${n} rows`, [name], col.length);
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  let kept = 0;
  let orderHi = -1;
  let orderLo = Infinity;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const c = customer[i] as number;
    if (!Number.isInteger(c)) throw new InputError(ErrorCodes.NOT_INTEGER, `rfmFromTransactions requires integer customer ids, got ${c} at customer[${i}]`, ["customer", i], c);
    const t = time[i] as number;
    const a = amount[i] as number;
    if (!Number.isFinite(t)) assertFinite("rfmFromTransactions", t, ["time", i]);
    if (!Number.isFinite(a)) assertFinite("rfmFromTransactions", a, ["amount", i]);
    if (order !== undefined) {
      const o = order[i] as number;
      if (!Number.isInteger(o)) throw new InputError(ErrorCodes.NOT_INTEGER, `rfmFromTransactions requires integer order ids, got ${o} at order[${i}]`, ["order", i], o);
      if (o > orderHi) orderHi = o;
      if (o < orderLo) orderLo = o;
    }
    if (c < lo) lo = c;
    if (c > hi) hi = c;
    kept++;
  }
  if (kept === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "rfmFromTransactions requires at least one transaction", ["customer"], 0);

  // Slot per customer: a dense table when ids are compact, else a map.
  const dense = hi - lo + 1 <= 4 * kept + 1024;
  const table = dense ? new Int32Array(hi - lo + 1).fill(-1) : undefined;
  const map = dense ? undefined : new Map<number, number>();
  const ids: number[] = [];
  const slots = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const c = customer[i] as number;
    let s: number;
    if (table !== undefined) {
      s = table[c - lo] as number;
      if (s < 0) {
        s = ids.length;
        table[c - lo] = s;
        ids.push(c);
      }
    } else {
      const found = (map as Map<number, number>).get(c);
      if (found === undefined) {
        s = ids.length;
        (map as Map<number, number>).set(c, s);
        ids.push(c);
      } else s = found;
    }
    slots[i] = s;
  }
  const k = ids.length;
  const last = new Float64Array(k).fill(-Infinity);
  const freq = new Float64Array(k);
  const money = new Float64Array(k);
  const seenOrder = order === undefined ? undefined : new Int32Array(orderHi - orderLo + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = slots[i] as number;
    const t = time[i] as number;
    if (t > (last[s] as number)) last[s] = t;
    money[s] = (money[s] as number) + (amount[i] as number);
    if (seenOrder === undefined) freq[s] = (freq[s] as number) + 1;
    else {
      const o = (order as ArrayLike<number>)[i] as number;
      if (seenOrder[o - orderLo] !== s) {
        seenOrder[o - orderLo] = s;
        freq[s] = (freq[s] as number) + 1;
      }
    }
  }
  // Ascending id order.
  const byId = Uint32Array.from(ids.keys()).sort((a, b) => (ids[a] as number) - (ids[b] as number));
  const out: RfmCustomers = {
    customers: new Float64Array(k),
    recencyDays: new Float64Array(k),
    frequency: new Float64Array(k),
    monetary: new Float64Array(k),
  };
  for (let j = 0; j < k; j++) {
    const s = byId[j] as number;
    out.customers[j] = ids[s] as number;
    out.recencyDays[j] = (options.asOf - (last[s] as number)) / DAY_MS;
    out.frequency[j] = freq[s] as number;
    out.monetary[j] = money[s] as number;
  }
  return out;
}
