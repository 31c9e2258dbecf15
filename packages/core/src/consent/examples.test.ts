// The @example lines of the consent area, run as written (the docs must not lie).
import { describe, expect, it } from "vitest";
import { applyConsent } from "./applyConsent.js";
import { consentFlags } from "./consentFlags.js";
import { consentLedger } from "./consentLedger.js";
import { consentPurposes, consentStatuses } from "./ConsentRecord.js";
import { consentKey, type ConsentState } from "./ConsentState.js";
import { filterExport } from "./filterExport.js";
import { isAllowed } from "./isAllowed.js";
import { validateConsentRecord } from "./validateConsentRecord.js";

const throwsAt = (f: () => unknown, code: string, path: readonly (string | number)[]) => expect(f).toThrow(expect.objectContaining({ code, path }));

describe("consent examples", () => {
  it("should do what the TSDoc examples say", () => {
    expect(consentPurposes.includes("marketing")).toBe(true);
    expect(consentStatuses).toEqual(["granted", "denied", "withdrawn"]);
    expect(consentKey("marketing", "sms")).toBe("marketing:sms");
    expect(consentKey("analytics")).toBe("analytics");
    expect(applyConsent(undefined, { customerId: "c1", purpose: "marketing", channel: "email", status: "granted", at: 1, source: "form" }).entries["marketing:email"]?.status).toBe("granted");
    const states = consentLedger([
      { customerId: "c1", purpose: "marketing", status: "granted", at: 1, source: "form" },
      { customerId: "c1", purpose: "marketing", status: "withdrawn", at: 2, source: "unsubscribe_link" },
    ]);
    expect(states.get("c1")?.entries.marketing?.status).toBe("withdrawn");
    const s: ConsentState = { customerId: "c1", entries: { "marketing:email": { status: "granted", at: 1, source: "form" }, marketing: { status: "withdrawn", at: 2, source: "unsubscribe" } } };
    expect(isAllowed(s, "marketing", "email").rule).toBe("withdrawn");
    expect(isAllowed(s, "service", "email").allowed).toBe(true);
    expect(isAllowed(undefined, "analytics").rule).toBe("not-granted");
    expect(consentFlags({ customerId: "c1", entries: { "marketing:email": { status: "granted", at: 1, source: "form" } } })["marketing:email"]).toBe(true);
    const analytics = new Map<string, ConsentState>([["c1", { customerId: "c1", entries: { analytics: { status: "granted", at: 0, source: "form" } } }]]);
    expect(filterExport([{ customerId: "c1", visits: 3 }, { customerId: "c2", visits: 5 }], analytics).rows).toEqual([{ customerId: "c1", visits: 3 }]);
    expect(validateConsentRecord({ customerId: "c1", purpose: "marketing", status: "granted", at: 0, source: "form" }).purpose).toBe("marketing");
    throwsAt(() => validateConsentRecord({ customerId: "c1", purpose: "ads", status: "granted", at: 0, source: "form" }), "JOURNEY.INVALID_FIELD", ["purpose"]);
  });
});

