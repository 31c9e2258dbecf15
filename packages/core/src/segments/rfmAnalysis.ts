import { rfmFromTransactions, type RfmCustomers, type RfmTransactions } from "./rfmFromTransactions.js";
import { rfmScores, type RfmScoreOptions, type RfmScores } from "./rfmScores.js";
import { rfmSegment } from "./rfmSegment.js";
import { defaultRfmSegmentGrid, type RfmSegmentGrid } from "./rfmSegmentGrid.js";

/** Per-customer RFM inputs, scores and named segment. */
export interface RfmAnalysis extends RfmCustomers, RfmScores {
  readonly segment: readonly string[];
}

/** Options of {@link rfmAnalysis}. */
export interface RfmAnalysisOptions extends RfmScoreOptions {
  /** Reference time (epoch ms) recency is measured from, e.g. one day after the last transaction. */
  readonly asOf: number;
  readonly grid?: RfmSegmentGrid;
}

/**
 * RFM analysis from transactions: {@link rfmFromTransactions}, then
 * {@link rfmScores}, then {@link rfmSegment} per customer.
 *
 * Complexity: O(rows + customers · log customers).
 *
 * @throws {InputError} as its three steps
 * @category Value
 * @example
 * rfmAnalysis({ customer: [1, 2], time: [0, 9e7], amount: [5, 50] }, { asOf: 1e8 }).segment
 * // => ["Lost", "Hibernating"] (with 2 customers NTILE fills buckets 1 and 2 only)
 */
export function rfmAnalysis(tx: RfmTransactions, options: RfmAnalysisOptions): RfmAnalysis {
  const customers = rfmFromTransactions(tx, options);
  const scores = rfmScores(customers, options);
  const grid = options.grid ?? defaultRfmSegmentGrid;
  const segment: string[] = new Array<string>(customers.customers.length);
  for (let i = 0; i < segment.length; i++) segment[i] = rfmSegment(scores.r[i] as number, scores.f[i] as number, scores.m[i] as number, grid);
  return { ...customers, ...scores, segment };
}
