// The @example lines of the proactive area, run as written (the docs must not lie).
import { describe, expect, it } from "vitest";
import type { ConsentState } from "../consent/ConsentState.js";
import { applyContactPolicy } from "./applyContactPolicy.js";
import type { DueAction } from "./DueAction.js";
import { dedupKeyOf, evaluateTriggers } from "./evaluateTriggers.js";
import { holdoutHash, isHeldOut } from "./holdout.js";
import { indexTriggers } from "./indexTriggers.js";
import type { Trigger } from "./Trigger.js";
import { upliftReport } from "./upliftReport.js";
import { validateContactPolicy } from "./validateContactPolicy.js";
import { validateTrigger } from "./validateTrigger.js";
import { validateTriggers } from "./validateTriggers.js";

const throwsAt = (f: () => unknown, code: string, path: readonly (string | number)[]) => expect(f).toThrow(expect.objectContaining({ code, path }));

describe("proactive examples", () => {
  it("should do what the TSDoc examples say", () => {
    expect(dedupKeyOf("renewal-reminder", "c1", `date:subscription.endsAt@${Date.parse("2026-12-31T00:00:00Z")}`)).toBe("renewal-reminder|c1|date:subscription.endsAt@1798675200000");
    const detractor: Trigger = { id: "detractor", condition: { kind: "metricThreshold", metric: "lastNps", op: "lte", value: 6 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 24 }, priority: 90, holdoutShare: 0 };
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(evaluateTriggers([{ customerId: "c1", metrics: { lastNps: { value: 3, at: now - 3_600_000 } } }], [detractor], now).actions[0]?.dueBy === now + 24 * 3_600_000).toBe(true);
    expect(holdoutHash("renewal", "c1") === holdoutHash("renewal", "c1")).toBe(true);
    expect(isHeldOut("renewal", "c1", 0)).toBe(false);
    expect(isHeldOut("renewal", "c1", 1)).toBe(true);
    expect(indexTriggers([{ id: "t", condition: { kind: "interaction", interactionType: "purchase" }, action: { type: "offer", offerId: "o", channel: "email" }, priority: 1, holdoutShare: 0 }]).byInteractionType.get("purchase")?.length).toBe(1);

    const offer = (id: string): DueAction => ({ customerId: "c1", triggerId: id, action: { type: "offer", offerId: id, channel: "sms" }, priority: 1, dedupKey: id, cause: "x", conditionKind: "interaction", reason: "", firedAt: 0 });
    const consent: ConsentState = { customerId: "c1", entries: { marketing: { status: "granted", at: 0, source: "form" } } };
    const r = applyContactPolicy([offer("a"), offer("b")], { timeZone: "Europe/London", caps: [{ max: 1, windowDays: 7, channel: "sms" }] }, new Map([["c1", { consent }]]), now);
    expect([r.kept.length, r.dropped[0]?.rule]).toEqual([1, "frequency-cap"]);

    const outcomes = [
      ...Array.from({ length: 1000 }, (_, i) => ({ group: "treated", converted: i < 150 }) as const),
      ...Array.from({ length: 1000 }, (_, i) => ({ group: "holdout", converted: i < 120 }) as const),
    ];
    const u = upliftReport(outcomes);
    expect(u.conversion.estimate?.difference).toBeCloseTo(0.03, 12);
    expect(u.conversion.estimate?.pValue).toBeCloseTo(0.0496, 4);

    throwsAt(() => validateContactPolicy({ caps: [{ max: 0, windowDays: 7 }], timeZone: "Europe/London" }), "METRIC.OUT_OF_RANGE", ["policy", "caps", 0, "max"]);
    throwsAt(() => validateContactPolicy({ timeZone: "Mars/Olympus_Mons" }), "METRIC.INVALID_OPTION", ["policy", "timeZone"]);
    throwsAt(
      () => validateTrigger({ id: "t", condition: { kind: "segmentEntered", segment: "at_risk" }, action: { type: "offer", offerId: "o1", channel: "fax" }, priority: 1, holdoutShare: 0 }, { segments: ["at_risk"] }),
      "JOURNEY.UNKNOWN_REFERENCE",
      ["action", "channel"],
    );
    const t = { id: "t", condition: { kind: "pAliveDrop", minDrop: 0.2 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 48 }, priority: 1, holdoutShare: 0.1 };
    throwsAt(() => validateTriggers([t, t]), "JOURNEY.DUPLICATE_ID", ["triggers", 1, "id"]);
    throwsAt(() => evaluateTriggers([{ customerId: "" }], [t as Trigger], now), "JOURNEY.INVALID_FIELD", ["customers", 0, "customerId"]);
  });
});
