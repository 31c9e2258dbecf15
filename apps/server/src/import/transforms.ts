/**
 * Value transforms of the import: text (or NDJSON values) to the dates and
 * numbers ingestion takes. Each returns `null` when the value cannot be read,
 * and the caller rejects the row naming the field and the expected form.
 */

/**
 * `iso` (default): ISO 8601; without a zone (`2011-12-09 12:50:00`,
 * `2011-12-09T12:50`, `2011-12-09`) the wall-clock time is taken as UTC.
 * `epoch-ms`, `epoch-s`: numbers. Otherwise a pattern of `yyyy`, `MM`/`M`,
 * `dd`/`d`, `HH`/`H`, `mm`, `ss` and literal characters, read as UTC, e.g.
 * `M/d/yyyy H:mm` for the UCI spreadsheet's `12/1/2010 8:26`.
 */
export type DateFormat = string;

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(t);
  // Rejects 2011-02-30 and the like instead of rolling over into March.
  return date.getUTCDate() === d ? date : null;
}

/** Compiles a pattern into a reader (cached: one compile per import). */
const patterns = new Map<string, (text: string) => Date | null>();
function compilePattern(pattern: string): (text: string) => Date | null {
  const cached = patterns.get(pattern);
  if (cached) return cached;
  const order: string[] = [];
  let re = "";
  for (let i = 0; i < pattern.length; ) {
    const token = /^(yyyy|MM|M|dd|d|HH|H|mm|ss)/.exec(pattern.slice(i))?.[1];
    if (token) {
      order.push(token[0] as string);
      re += token === "yyyy" ? "(\\d{4})" : token.length === 2 ? "(\\d{2})" : "(\\d{1,2})";
      i += token.length;
    } else {
      re += (pattern[i] as string).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i++;
    }
  }
  if (!order.includes("y") || !order.includes("M") || !order.includes("d")) throw new Error(`date format ${JSON.stringify(pattern)} needs yyyy, M and d`);
  const rx = new RegExp(`^${re}$`);
  const read = (text: string): Date | null => {
    const m = rx.exec(text.trim());
    if (!m) return null;
    const v: Record<string, number> = { y: 0, M: 0, d: 0, H: 0, m: 0, s: 0 };
    order.forEach((k, j) => (v[k] = Number(m[j + 1])));
    return utc(v.y as number, v.M as number, v.d as number, v.H, v.m, v.s);
  };
  patterns.set(pattern, read);
  return read;
}

/** Checks a date format before the import starts (a bad pattern is a usage error, not a row error). */
export function checkDateFormat(format: DateFormat): void {
  if (format === "iso" || format === "epoch-ms" || format === "epoch-s") return;
  compilePattern(format);
}

export function parseDate(value: unknown, format: DateFormat = "iso"): Date | null {
  if (format === "epoch-ms" || format === "epoch-s") {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    if (!Number.isFinite(n)) return null;
    return new Date(format === "epoch-s" ? n * 1000 : n);
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (format !== "iso") return compilePattern(format)(text);
  const m = ISO_LOCAL.exec(text);
  if (m) {
    const n = (k: number) => (m[k] === undefined ? 0 : Number(m[k]));
    return utc(n(1), n(2), n(3), n(4), n(5), n(6), m[7] === undefined ? 0 : Number((m[7] as string).padEnd(3, "0")));
  }
  if (!HAS_ZONE.test(text) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A finite number; `decimal: ","` reads `1.234,5` / `12,5` (dots then are thousands separators). */
export function parseNumber(value: unknown, decimal: "." | "," = "."): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  let text = value.trim().replace(/[\s_]/g, "");
  if (text === "") return null;
  if (decimal === ",") text = text.replace(/\./g, "").replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function parseInteger(value: unknown, decimal: "." | "," = "."): number | null {
  const n = parseNumber(value, decimal);
  return n !== null && Number.isSafeInteger(n) ? n : null;
}
