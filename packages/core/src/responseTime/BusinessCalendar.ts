/**
 * Working hours for business-time arithmetic: per weekday (0 = Sunday … 6 =
 * Saturday) a list of [start, end) intervals in minutes after local midnight,
 * an IANA time zone, and holidays as local `YYYY-MM-DD` dates.
 *
 * @example
 * const ukOffice: BusinessCalendar = {
 *   timeZone: "Europe/London",
 *   hours: { 1: [[540, 1080]], 2: [[540, 1080]], 3: [[540, 1080]], 4: [[540, 1080]], 5: [[540, 1080]] }, // 09:00–18:00 Mon–Fri
 *   holidays: ["2026-12-25"],
 * };
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly hours: Readonly<Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, readonly (readonly [number, number])[]>>>;
  readonly holidays?: readonly string[];
}
