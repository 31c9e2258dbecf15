import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { ChannelRegistry } from "../journey/ChannelRegistry.js";
import { validateContactPolicy } from "./validateContactPolicy.js";
import { validateTrigger } from "./validateTrigger.js";
import { validateTriggers } from "./validateTriggers.js";

function caught(f: () => unknown): { code: string; path: readonly (string | number)[]; message: string } | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  return undefined;
}

const good = {
  id: "winback",
  condition: { kind: "segmentEntered", segment: "at_risk" },
  action: { type: "offer", offerId: "10off", channel: "email" },
  priority: 10,
  holdoutShare: 0.1,
};
const refs = { segments: ["at_risk", "vip"] };

describe("validateTrigger", () => {
  it("should accept a well-formed trigger and return it typed", () => {
    expect(validateTrigger(good, refs)).toEqual(good);
    const renewal = { id: "r", condition: { kind: "dateRelative", trait: "subscription.endsAt", offsetDays: -14, graceDays: 2 }, action: { type: "message", channel: "email", template: "renewal", purpose: "service" }, priority: 1, holdoutShare: 0 };
    expect(validateTrigger(renewal)).toEqual(renewal);
  });

  it.each([
    ["an unknown segment", { ...good, condition: { kind: "segmentEntered", segment: "ghosts" } }, "SEGMENT.UNKNOWN_SEGMENT", ["condition", "segment"]],
    ["an unknown action channel", { ...good, action: { type: "offer", offerId: "o", channel: "fax" } }, "JOURNEY.UNKNOWN_REFERENCE", ["action", "channel"]],
    ["an unknown interaction channel", { ...good, condition: { kind: "interaction", interactionType: "purchase", channel: "telegraph" } }, "JOURNEY.UNKNOWN_REFERENCE", ["condition", "channel"]],
    ["an unknown condition kind", { ...good, condition: { kind: "moonPhase" } }, "JOURNEY.INVALID_FIELD", ["condition", "kind"]],
    ["an unknown action type", { ...good, action: { type: "fax" } }, "JOURNEY.INVALID_FIELD", ["action", "type"]],
    ["a holdout share above 1", { ...good, holdoutShare: 1.2 }, "METRIC.OUT_OF_RANGE", ["holdoutShare"]],
    ["a non-finite priority", { ...good, priority: Number.POSITIVE_INFINITY }, "METRIC.NOT_FINITE", ["priority"]],
    ["an empty id", { ...good, id: "" }, "JOURNEY.INVALID_FIELD", ["id"]],
    ["a task due in 0 hours", { ...good, action: { type: "task", ownerRole: "csm", dueWithinHours: 0 } }, "METRIC.OUT_OF_RANGE", ["action", "dueWithinHours"]],
    ["an unknown owner role", { ...good, action: { type: "task", ownerRole: "intern", dueWithinHours: 4 } }, "JOURNEY.INVALID_FIELD", ["action", "ownerRole"]],
    ["a P(alive) drop above 1", { ...good, condition: { kind: "pAliveDrop", minDrop: 1.5 } }, "METRIC.OUT_OF_RANGE", ["condition", "minDrop"]],
    ["a zero P(alive) drop", { ...good, condition: { kind: "pAliveDrop", minDrop: 0 } }, "METRIC.OUT_OF_RANGE", ["condition", "minDrop"]],
    ["an unknown operator", { ...good, condition: { kind: "metricThreshold", metric: "lastNps", op: "≈", value: 6 } }, "JOURNEY.INVALID_FIELD", ["condition", "op"]],
    ["a message purpose that is not marketing or service", { ...good, action: { type: "message", channel: "email", template: "t", purpose: "analytics" } }, "JOURNEY.INVALID_FIELD", ["action", "purpose"]],
  ])("should reject %s with a typed error and its path", (_, input, code, path) => {
    const e = caught(() => validateTrigger(input, refs));
    expect(e).toMatchObject({ code, path });
    expect(e?.message).toMatch(/^validateTrigger requires [^A-Z].*[^.]$/);
  });

  it("should accept channels registered by the workspace", () => {
    const channels = new ChannelRegistry().register({ id: "kiosk", name: "Kiosk", kind: "physical" });
    expect(validateTrigger({ ...good, action: { type: "offer", offerId: "o", channel: "kiosk" } }, { ...refs, channels }).action).toEqual({ type: "offer", offerId: "o", channel: "kiosk" });
    expect(caught(() => validateTrigger({ ...good, action: { type: "offer", offerId: "o", channel: "kiosk" } }, refs))?.code).toBe("JOURNEY.UNKNOWN_REFERENCE");
  });

  it("should prefix paths in a list and reject duplicate ids", () => {
    expect(caught(() => validateTriggers([good, { ...good, id: "x", holdoutShare: -1 }], refs))).toMatchObject({ code: "METRIC.OUT_OF_RANGE", path: ["triggers", 1, "holdoutShare"] });
    expect(caught(() => validateTriggers([good, good], refs))).toMatchObject({ code: "JOURNEY.DUPLICATE_ID", path: ["triggers", 1, "id"] });
  });
});

describe("validateContactPolicy", () => {
  const policy = { caps: [{ max: 3, windowDays: 7 }, { max: 1, windowDays: 7, channel: "sms" }], quietHours: { start: 1260, end: 480 }, timeZone: "Europe/London", complaintCooldownDays: 14 };

  it("should accept a well-formed policy", () => {
    expect(validateContactPolicy(policy)).toEqual(policy);
  });

  it.each([
    ["a cap of zero", { ...policy, caps: [{ max: 0, windowDays: 7 }] }, "METRIC.OUT_OF_RANGE", ["policy", "caps", 0, "max"]],
    ["a negative cap", { ...policy, caps: [{ max: 3, windowDays: 7 }, { max: -1, windowDays: 7 }] }, "METRIC.OUT_OF_RANGE", ["policy", "caps", 1, "max"]],
    ["a fractional cap", { ...policy, caps: [{ max: 1.5, windowDays: 7 }] }, "METRIC.NOT_INTEGER", ["policy", "caps", 0, "max"]],
    ["a window of zero days", { ...policy, caps: [{ max: 1, windowDays: 0 }] }, "METRIC.OUT_OF_RANGE", ["policy", "caps", 0, "windowDays"]],
    ["a cap on an unknown channel", { ...policy, caps: [{ max: 1, windowDays: 7, channel: "pigeon" }] }, "JOURNEY.UNKNOWN_REFERENCE", ["policy", "caps", 0, "channel"]],
    ["a time zone that does not exist", { ...policy, timeZone: "Europe/Atlantis" }, "METRIC.INVALID_OPTION", ["policy", "timeZone"]],
    ["a missing time zone", { caps: [] }, "METRIC.INVALID_OPTION", ["policy", "timeZone"]],
    ["quiet hours past midnight", { ...policy, quietHours: { start: 1260, end: 1440 } }, "METRIC.OUT_OF_RANGE", ["policy", "quietHours", "end"]],
    ["empty quiet hours", { ...policy, quietHours: { start: 600, end: 600 } }, "METRIC.INVALID_OPTION", ["policy", "quietHours", "end"]],
    ["a cool-down of zero days", { ...policy, complaintCooldownDays: 0 }, "METRIC.OUT_OF_RANGE", ["policy", "complaintCooldownDays"]],
    ["an unknown cap overflow", { ...policy, capOverflow: "queue" }, "JOURNEY.INVALID_FIELD", ["policy", "capOverflow"]],
    ["a negative deferral limit", { ...policy, capOverflow: "defer", maxDeferDays: -2 }, "METRIC.OUT_OF_RANGE", ["policy", "maxDeferDays"]],
  ])("should reject %s with a typed error and its path", (_, input, code, path) => {
    const e = caught(() => validateContactPolicy(input));
    expect(e).toMatchObject({ code, path });
    expect(e?.message).toMatch(/^validateContactPolicy requires [^A-Z].*[^.]$/);
  });
});
