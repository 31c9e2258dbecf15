import { describe, expect, it } from "vitest";
import { applyContactPolicy } from "./applyContactPolicy.js";
import type { CustomerContactState } from "./ContactPolicy.js";
import type { DueAction } from "./DueAction.js";

const MIN = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function localMinute(timeZone: string, at: number): number {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
  const parts = f.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return get("hour") * 60 + get("minute");
}
const quietAt = (m: number, start: number, end: number) => (start < end ? m >= start && m < end : m >= start || m < end);

const action: DueAction = {
  customerId: "c1",
  triggerId: "t",
  action: { type: "message", channel: "email", template: "receipt", purpose: "service" },
  priority: 1,
  dedupKey: "k",
  cause: "x",
  conditionKind: "interaction",
  reason: "",
  firedAt: 0,
};

// Days with a daylight-saving change in 2026 (spring forward and fall back), in zones with 60- and 30-minute shifts.
const cases: [string, string][] = [
  ["Europe/Paris", "2026-03-29T00:00:00Z"],
  ["Europe/Paris", "2026-10-25T00:00:00Z"],
  ["America/New_York", "2026-03-08T05:00:00Z"],
  ["America/New_York", "2026-11-01T04:00:00Z"],
  ["Australia/Lord_Howe", "2026-04-04T13:00:00Z"],
  ["Australia/Lord_Howe", "2026-10-03T14:00:00Z"],
];
const windows: [number, number][] = [
  [60, 150], // 01:00–02:30, across the missing or repeated hour
  [120, 180], // 02:00–03:00, the missing hour itself
  [21 * 60, 8 * 60], // 21:00–08:00, wrapping midnight
  [0, 1], // one minute
];

describe("quiet hours around daylight-saving changes", () => {
  it.each(cases)("should defer to the first allowed minute, never into quiet hours (%s, %s)", (timeZone, day) => {
    const customers = new Map<string, CustomerContactState>([["c1", { timeZone }]]);
    for (const [start, end] of windows) {
      const policy = { timeZone: "UTC", quietHours: { start, end } };
      for (let now = Date.parse(day) - 12 * 60 * MIN; now < Date.parse(day) + 36 * 60 * MIN; now += 11 * MIN) {
        const r = applyContactPolicy([action], policy, customers, now);
        const quietNow = quietAt(localMinute(timeZone, now), start, end);
        if (!quietNow) {
          expect(r.kept).toHaveLength(1);
          continue;
        }
        const sendAt = r.deferred[0]?.sendAt as number;
        expect(sendAt).toBeGreaterThan(now);
        expect(quietAt(localMinute(timeZone, sendAt), start, end)).toBe(false);
        // the earliest: every minute before it is still quiet
        for (let t = now; t < sendAt - MIN; t += 5 * MIN) expect(quietAt(localMinute(timeZone, t), start, end)).toBe(true);
      }
    }
  });
});
