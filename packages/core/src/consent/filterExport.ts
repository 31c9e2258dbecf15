import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { ConsentState } from "./ConsentState.js";
import { isAllowed, type ConsentRule } from "./isAllowed.js";

/** Options of {@link filterExport}. */
export interface ExportFilterOptions<Row> {
  /** The customer a row belongs to (default: `row.customerId`, else `row.id` — rows and segment profiles alike). */
  readonly customerIdOf?: (row: Row) => string;
  /** The channel a row is about (an interaction's channel), to check `analytics:<channel>` too; default: purpose-wide only. */
  readonly channelOf?: (row: Row) => string | undefined;
  /** Epoch ms of the export (lapsed grants and future-dated entries do not count); default +∞. */
  readonly now?: number;
}

/** What {@link filterExport} kept and what it left out, with why. */
export interface FilteredExport<Row> {
  readonly rows: Row[];
  /** Rows left out. */
  readonly omitted: number;
  /** Per customer left out, the consent rule that excluded them (first row's rule). */
  readonly omittedCustomers: ReadonlyMap<string, ConsentRule>;
}

/**
 * Drops from an export (profile rows, interaction rows, a CSV about to be
 * written) every row whose customer has not granted `analytics` consent, as
 * decided by {@link isAllowed} (`isAllowed(state, "analytics", channelOf(row), now)`):
 * absent, denied, withdrawn or lapsed consent all exclude the row. Nothing is
 * pseudonymised or aggregated here — a row is either covered by consent and
 * exported unchanged, or not exported at all (GDPR Art. 5(1)(b) purpose
 * limitation; aggregates over consenting customers only).
 *
 * Order of kept rows is preserved. Complexity: O(rows) consent look-ups.
 *
 * @param consent - customers' states by id (a Map) or a look-up function; a missing state means no consent
 * @throws {InputError} `JOURNEY.INVALID_FIELD` at `["rows", i]` when a row has no customer id
 * @category Consent
 * @example
 * const states = new Map([["c1", { customerId: "c1", entries: { analytics: { status: "granted", at: 0, source: "form" } } }]]);
 * filterExport([{ customerId: "c1", visits: 3 }, { customerId: "c2", visits: 5 }], states).rows // => [{ customerId: "c1", visits: 3 }]
 */
export function filterExport<Row>(
  rows: readonly Row[],
  consent: ReadonlyMap<string, ConsentState> | ((customerId: string) => ConsentState | undefined),
  options: ExportFilterOptions<Row> = {},
): FilteredExport<Row> {
  const fn = "filterExport";
  const lookup = typeof consent === "function" ? consent : (id: string) => consent.get(id);
  const idOf =
    options.customerIdOf ??
    ((row: Row): string => {
      const r = row as Record<string, unknown>;
      const id = r.customerId ?? r.id;
      return typeof id === "string" ? id : "";
    });
  const now = options.now ?? Infinity;
  const kept: Row[] = [];
  const omittedCustomers = new Map<string, ConsentRule>();
  let omitted = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    const id = row !== null && typeof row === "object" ? idOf(row) : "";
    if (typeof id !== "string" || id === "") throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a customer id on every row`, ["rows", i], row);
    const decision = isAllowed(lookup(id), "analytics", options.channelOf?.(row), now);
    if (decision.allowed) kept.push(row);
    else {
      omitted++;
      if (!omittedCustomers.has(id)) omittedCustomers.set(id, decision.rule);
    }
  }
  return { rows: kept, omitted, omittedCustomers };
}
