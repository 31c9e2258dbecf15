/** What the drivers return for a datetime column: epoch ms (SQLite, sometimes as text) or a Date (PostgreSQL). */
export type SqlDate = string | number | Date;

/** Epoch milliseconds of a datetime read from either driver. */
export function toMs(v: SqlDate): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  return /^\d+$/.test(v) ? Number(v) : Date.parse(v);
}

/** A Date of a datetime read from either driver. */
export function toDate(v: SqlDate): Date {
  return v instanceof Date ? v : new Date(toMs(v));
}
