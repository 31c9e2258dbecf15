import type { InteractionColumns } from "../InteractionColumns.js";

/** Columns with customer blocks `[starts[c], starts[c+1])` in ascending time. */
export interface GroupedColumns {
  readonly starts: Int32Array;
  readonly customer: Int32Array;
  readonly timestamp: Float64Array;
  readonly type: Int32Array;
  readonly touchpoint: Int32Array;
  readonly channel: Int32Array;
}

/** Finds the customer blocks; copies into sorted order only when rows are not already grouped and time-ordered. */
export function groupColumns(cols: InteractionColumns): GroupedColumns {
  const n = cols.length;
  const { customer, timestamp } = cols;
  const seen = new Uint8Array(cols.dictionaries.customer.length);
  // One pass: check the grouping and record block starts (at most one block per distinct customer).
  const starts = new Int32Array(cols.dictionaries.customer.length + 1);
  let blocks = 0;
  let grouped = true;
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    if (i > 0 && c === customer[i - 1]) {
      if ((timestamp[i] as number) < (timestamp[i - 1] as number)) {
        grouped = false;
        break;
      }
    } else {
      if (seen[c] === 1) {
        grouped = false;
        break;
      }
      seen[c] = 1;
      starts[blocks++] = i;
    }
  }
  if (grouped) {
    starts[blocks] = n;
    return { starts: starts.subarray(0, blocks + 1), customer, timestamp, type: cols.type, touchpoint: cols.touchpoint, channel: cols.channel };
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (customer[a] as number) - (customer[b] as number) || (timestamp[a] as number) - (timestamp[b] as number) || a - b);
  const pick = <T extends Int32Array | Float64Array>(src: T, dst: T): T => {
    for (let r = 0; r < n; r++) dst[r] = src[order[r] as number] as number;
    return dst;
  };
  const cu = pick(customer, new Int32Array(n));
  const sorted: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || cu[i] !== cu[i - 1]) sorted.push(i);
  sorted.push(n);
  return {
    starts: Int32Array.from(sorted),
    customer: cu,
    timestamp: pick(timestamp, new Float64Array(n)),
    type: pick(cols.type, new Int32Array(n)),
    touchpoint: pick(cols.touchpoint, new Int32Array(n)),
    channel: pick(cols.channel, new Int32Array(n)),
  };
}
