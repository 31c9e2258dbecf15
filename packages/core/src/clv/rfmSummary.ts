import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";

/** One purchase in a transaction log. */
export interface Transaction {
  readonly customerId: string | number;
  /** A `Date`, epoch milliseconds, or an ISO date string (`"1997-09-30"`, also `"19970930"`); the UTC calendar day counts. */
  readonly date: Date | number | string;
  /** Value of the purchase, ≥ 0. */
  readonly amount: number;
}

/** A transaction log column-wise; `date` in epoch milliseconds. */
export interface TransactionColumns {
  readonly customerId: ArrayLike<string | number>;
  readonly date: ArrayLike<number>;
  readonly amount: ArrayLike<number>;
}

/** Time unit of recency, T and holdout duration: days, or weeks = days / 7. */
export type TimeUnit = "days" | "weeks";

/** Options of {@link rfmSummary}. */
export interface RfmSummaryOptions {
  /** Default `"weeks"`, the unit of the CDNOW literature. */
  readonly timeUnit?: TimeUnit;
  /** Last day (inclusive) of the calibration period; default: the observation end (no holdout). */
  readonly calibrationEnd?: Date | number | string;
  /** Last day (inclusive) observed; default: the day of the last transaction. Later transactions are ignored. */
  readonly observationEnd?: Date | number | string;
}

/** Per-customer recency, frequency, age and monetary value, column-wise. */
export interface RfmSummary {
  /** Customers in order of first appearance in the log (those whose first purchase is after the calibration end are left out). */
  readonly customerIds: readonly (string | number)[];
  /** x: purchase days after the first, in calibration. */
  readonly frequency: Float64Array;
  /** t_x: time from the first to the last purchase day in calibration. */
  readonly recency: Float64Array;
  /** T: time from the first purchase day to the calibration end. */
  readonly T: Float64Array;
  /** Mean value of the repeat purchase days in calibration (same-day amounts summed); 0 when x = 0. */
  readonly monetaryValue: Float64Array;
  /** Purchase days in the holdout period (after the calibration end, up to the observation end); all 0 without a holdout. */
  readonly holdoutFrequency: Float64Array;
  /** Mean value of the holdout purchase days; 0 when there are none. */
  readonly holdoutMonetaryValue: Float64Array;
  /** Length of the holdout period in `timeUnit` (0 without a holdout). */
  readonly holdoutDuration: number;
  readonly timeUnit: TimeUnit;
  /** Calibration end and observation end as UTC midnights. */
  readonly calibrationEnd: Date;
  readonly observationEnd: Date;
}

const DAY_MS = 86_400_000;

/**
 * Recency–frequency–monetary summary of a transaction log: the input of the
 * buy-till-you-die models (BG/NBD, Pareto/NBD, Gamma-Gamma).
 *
 * Definition: purchases are bucketed by UTC calendar day and same-day
 * purchases of a customer collapse into one purchase occasion with their
 * amounts summed (as in Fader, Hardie & Lee 2005). Per customer, with the
 * first purchase day d₀ and the calibration end c: frequency x = number of
 * purchase days in (d₀, c]; recency t_x = last purchase day in [d₀, c] − d₀;
 * T = c − d₀; monetary value = mean amount of the x repeat days (the first
 * purchase is excluded); holdout frequency = purchase days in (c, observationEnd].
 * Times are in days, or weeks = days / 7.
 *
 * Source: Fader, Hardie & Lee (2005), "Counting your customers the easy way",
 * Marketing Science 24(2); same result as `lifetimes.utils.calibration_and_holdout_data`
 * (freq "D", freq_multiplier 7 for weeks).
 *
 * Range: x a non-negative integer, 0 ≤ t_x ≤ T, x = 0 ⇔ t_x = 0, monetary ≥ 0.
 * Complexity: O(n + Σ k log k) for n rows and k rows per customer.
 *
 * @param transactions - the log, any order
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for an empty log (or no customer starting by the calibration end);
 *   `METRIC.OUT_OF_RANGE` for a negative amount; `METRIC.NOT_FINITE` for a non-finite amount;
 *   `JOURNEY.INVALID_TIMESTAMP` for an unparseable date; `JOURNEY.INVALID_FIELD` for a customer id that is not a string or finite number;
 *   `METRIC.INVALID_OPTION` for an unknown time unit or a calibration end after the observation end
 * @category Value
 * @example
 * const s = rfmSummary([
 *   { customerId: "a", date: "2024-01-01", amount: 10 },
 *   { customerId: "a", date: "2024-01-08", amount: 30 },
 *   { customerId: "a", date: "2024-01-08", amount: 10 },
 *   { customerId: "b", date: "2024-01-15", amount: 5 },
 * ], { timeUnit: "weeks", observationEnd: "2024-01-29" });
 * [s.frequency[0], s.recency[0], s.T[0], s.monetaryValue[0]] // => [1, 1, 4, 40]
 */
export function rfmSummary(transactions: readonly Transaction[], options: RfmSummaryOptions = {}): RfmSummary {
  const n = transactions.length;
  const customerId: (string | number)[] = new Array<string | number>(n);
  const date = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = transactions[i] as Transaction;
    customerId[i] = t.customerId;
    date[i] = toMs("rfmSummary", t.date, ["transactions", i, "date"]);
    amount[i] = t.amount;
  }
  return summarise("rfmSummary", { customerId, date, amount }, options, "transactions");
}

/**
 * {@link rfmSummary} from a column-wise log (`date` in epoch milliseconds),
 * for callers holding typed arrays or query results. Same result as the row form.
 *
 * @throws {InputError} as {@link rfmSummary}, plus `METRIC.INCONSISTENT` for columns of unequal length
 * @category Value
 * @example
 * rfmSummaryFromColumns({
 *   customerId: ["a", "a"], date: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)], amount: [10, 20],
 * }, { timeUnit: "days" }).recency[0] // => 2
 */
export function rfmSummaryFromColumns(columns: TransactionColumns, options: RfmSummaryOptions = {}): RfmSummary {
  const n = columns.customerId.length;
  if (columns.date.length !== n || columns.amount.length !== n) {
    throw new InputError(
      ErrorCodes.INCONSISTENT,
      `rfmSummaryFromColumns requires columns of equal length, got customerId ${n}, date ${columns.date.length}, amount ${columns.amount.length}`,
      ["columns"],
      n,
    );
  }
  return summarise("rfmSummaryFromColumns", columns, options, "columns");
}

function summarise(fn: string, cols: TransactionColumns, options: RfmSummaryOptions, root: string): RfmSummary {
  const n = cols.customerId.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one transaction`, [root], n);
  const timeUnit = options.timeUnit ?? "weeks";
  if (timeUnit !== "days" && timeUnit !== "weeks") {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires timeUnit "days" or "weeks", got ${describe(timeUnit)}`, ["options", "timeUnit"], timeUnit);
  }
  const perUnit = timeUnit === "weeks" ? 7 : 1;

  // Pass 1: validate, map ids to dense indices, day numbers.
  const ids = new Map<string | number, number>();
  const order: (string | number)[] = [];
  const cust = new Int32Array(n);
  const day = new Float64Array(n);
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const id = cols.customerId[i];
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a string or finite number customerId, got ${describe(id)}`, [root, i, "customerId"], id);
    }
    const ms = cols.date[i];
    if (typeof ms !== "number" || !Number.isFinite(ms)) {
      throw new InputError(ErrorCodes.INVALID_TIMESTAMP, `${fn} requires a valid date, got ${describe(ms)}`, [root, i, "date"], ms);
    }
    const a = cols.amount[i];
    assertFinite(fn, a, [root, i, "amount"]);
    if (a < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative amount, got ${a}`, [root, i, "amount"], a);
    let k = ids.get(id);
    if (k === undefined) {
      k = order.length;
      ids.set(id, k);
      order.push(id);
    }
    cust[i] = k;
    const d = Math.floor(ms / DAY_MS);
    day[i] = d;
    if (d > maxDay) maxDay = d;
  }
  const obsEnd = options.observationEnd === undefined ? maxDay : Math.floor(toMs(fn, options.observationEnd, ["options", "observationEnd"]) / DAY_MS);
  const calEnd = options.calibrationEnd === undefined ? obsEnd : Math.floor(toMs(fn, options.calibrationEnd, ["options", "calibrationEnd"]) / DAY_MS);
  if (calEnd > obsEnd) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires calibrationEnd on or before observationEnd`, ["options", "calibrationEnd"], options.calibrationEnd);
  }

  // Pass 2: counting sort of rows by customer, then by day within each customer.
  const m = order.length;
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    const at = (cust[i] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let k = 0; k < m; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, m);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = cust[i] as number;
    rows[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }

  const keptIds: (string | number)[] = [];
  const freq: number[] = [];
  const rec: number[] = [];
  const age: number[] = [];
  const money: number[] = [];
  const hFreq: number[] = [];
  const hMoney: number[] = [];
  const byDay = (a: number, b: number): number => (day[a] as number) - (day[b] as number);
  for (let k = 0; k < m; k++) {
    const s = start[k] as number;
    const e = start[k + 1] as number;
    let sorted = true;
    for (let j = s + 1; j < e; j++) if ((day[rows[j] as number] as number) < (day[rows[j - 1] as number] as number)) sorted = false;
    if (!sorted) rows.subarray(s, e).sort(byDay);
    const first = day[rows[s] as number] as number;
    if (first > calEnd) continue;
    let x = 0;
    let last = first;
    let repeatSum = 0;
    let hx = 0;
    let hSum = 0;
    let current = first;
    let currentSum = 0;
    // Walk purchase days; close each day when the next one starts.
    const close = (d: number, sum: number): void => {
      if (d > obsEnd) return;
      if (d <= calEnd) {
        if (d !== first) {
          x++;
          repeatSum += sum;
          last = d;
        }
      } else {
        hx++;
        hSum += sum;
      }
    };
    for (let j = s; j < e; j++) {
      const r = rows[j] as number;
      const d = day[r] as number;
      if (d !== current) {
        close(current, currentSum);
        current = d;
        currentSum = 0;
      }
      currentSum += cols.amount[r] as number;
    }
    close(current, currentSum);
    keptIds.push(order[k] as string | number);
    freq.push(x);
    rec.push((last - first) / perUnit);
    age.push((calEnd - first) / perUnit);
    money.push(x > 0 ? repeatSum / x : 0);
    hFreq.push(hx);
    hMoney.push(hx > 0 ? hSum / hx : 0);
  }
  if (keptIds.length === 0) {
    throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer whose first purchase is on or before the calibration end`, [root], 0);
  }
  return {
    customerIds: keptIds,
    frequency: Float64Array.from(freq),
    recency: Float64Array.from(rec),
    T: Float64Array.from(age),
    monetaryValue: Float64Array.from(money),
    holdoutFrequency: Float64Array.from(hFreq),
    holdoutMonetaryValue: Float64Array.from(hMoney),
    holdoutDuration: (obsEnd - calEnd) / perUnit,
    timeUnit,
    calibrationEnd: new Date(calEnd * DAY_MS),
    observationEnd: new Date(obsEnd * DAY_MS),
  };
}

function toMs(fn: string, value: unknown, path: readonly (string | number)[]): number {
  let ms = NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string") {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    ms = compact ? Date.UTC(Number(compact[1]), Number(compact[2]) - 1, Number(compact[3])) : Date.parse(value);
  }
  if (!Number.isFinite(ms)) {
    throw new InputError(ErrorCodes.INVALID_TIMESTAMP, `${fn} requires a valid date, got ${describe(value)}`, path, value);
  }
  return ms;
}
