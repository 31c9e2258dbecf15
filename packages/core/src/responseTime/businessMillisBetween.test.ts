import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "./BusinessCalendar.js";
import { businessMillisBetween } from "./businessMillisBetween.js";

const nineToSix = [[540, 1080]] as const;
const london: BusinessCalendar = { timeZone: "Europe/London", hours: { 1: nineToSix, 2: nineToSix, 3: nineToSix, 4: nineToSix, 5: nineToSix } };
const min = (a: string, b: string, c: BusinessCalendar = london) => businessMillisBetween(Date.parse(a), Date.parse(b), c) / 60_000;

describe("businessMillisBetween", () => {
  it("should count Friday 17:55 → Monday 09:05 as 10 business minutes (London, GMT)", () => {
    // 2026-11-20 is a Friday; London is on GMT (UTC+0) in November.
    expect(min("2026-11-20T17:55:00Z", "2026-11-23T09:05:00Z")).toBe(10);
  });

  it("should still count 10 minutes across the end of British Summer Time (Sun 25 Oct 2026)", () => {
    // Friday 23 Oct 17:55 BST = 16:55Z; Monday 26 Oct 09:05 GMT = 09:05Z.
    expect(min("2026-10-23T16:55:00Z", "2026-10-26T09:05:00Z")).toBe(10);
  });

  it("should use the local hours of another zone (New York, EDT)", () => {
    const ny: BusinessCalendar = { ...london, timeZone: "America/New_York" };
    // Friday 2026-06-05 17:55 EDT = 21:55Z → Monday 09:05 EDT = 13:05Z.
    expect(min("2026-06-05T21:55:00Z", "2026-06-08T13:05:00Z", ny)).toBe(10);
  });

  it("should skip holidays and weekends", () => {
    const withHoliday: BusinessCalendar = { ...london, holidays: ["2026-11-23"] };
    // Monday is a holiday: Friday 5 min + Tuesday 5 min.
    expect(min("2026-11-20T17:55:00Z", "2026-11-24T09:05:00Z", withHoliday)).toBe(10);
    expect(min("2026-11-21T10:00:00Z", "2026-11-22T16:00:00Z")).toBe(0);
  });

  it("should refuse end before start and unknown zones, naming the field", () => {
    expect(() => businessMillisBetween(10, 5, london)).toThrow(expect.objectContaining({ code: "METRIC.OUT_OF_RANGE", path: ["end"] }));
    expect(() => businessMillisBetween(0, 5, { ...london, timeZone: "Mars/Olympus" })).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION" }));
  });

  const instant = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") });
  test.prop([instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 })])(
    "should be additive and never exceed wall time",
    (a, d1, d2) => {
      const b = a + d1;
      const c = b + d2;
      const ab = businessMillisBetween(a, b, london);
      const bc = businessMillisBetween(b, c, london);
      expect(ab + bc).toBe(businessMillisBetween(a, c, london));
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab).toBeLessThanOrEqual(b - a);
    },
  );
});
