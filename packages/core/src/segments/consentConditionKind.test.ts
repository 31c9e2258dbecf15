import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { consentChangeTimes } from "../consent/consentChangeTimes.js";
import { consentFlags } from "../consent/consentFlags.js";
import { consentLedger } from "../consent/consentLedger.js";
import type { ConsentPurpose, ConsentRecord } from "../consent/ConsentRecord.js";
import { isAllowed } from "../consent/isAllowed.js";
import { consentConditionKind } from "./consentConditionKind.js";
import type { Profile } from "./Profile.js";

const channels = ["email", "sms", "push", "whatsapp"] as const;
const purposeArb = fc.constantFrom<ConsentPurpose>("marketing", "personalization", "analytics", "service");
const recordArb: fc.Arbitrary<ConsentRecord> = fc
  .record({
    purpose: purposeArb,
    channel: fc.option(fc.constantFrom(...channels), { nil: undefined }),
    status: fc.constantFrom("granted", "denied", "withdrawn"),
    at: fc.integer({ min: 0, max: 40 }),
    expiresAt: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  })
  .map(({ channel, expiresAt, ...r }) => ({
    customerId: "c1",
    source: "form",
    ...r,
    ...(channel === undefined ? {} : { channel }),
    ...(expiresAt === undefined || r.status !== "granted" ? {} : { expiresAt: r.at + expiresAt }),
  }));

/** A profile as a loader builds it at `now`: the flags of the state as of now, answering for `listed` channels only. */
function profileAt(records: readonly ConsentRecord[], listed: readonly string[], now: number): Profile {
  const state = consentLedger(records, now).get("c1");
  return { id: "c1", traits: {}, interactions: {}, consent: consentFlags(state, listed, now), consentChangesAt: consentChangeTimes(records, now) };
}

describe("consentConditionKind laws", () => {
  test.prop([fc.array(recordArb, { maxLength: 20 }), purposeArb, fc.constantFrom(...channels), fc.subarray([...channels]), fc.integer({ min: 0, max: 80 }), fc.boolean()])(
    "should answer as isAllowed on any channel, listed by the loader or not (a missing channel key falls back to the purpose-wide one)",
    (records, purpose, channel, listed, now, granted) => {
      const p = consentConditionKind.compile({ type: "consent", purpose, channel, granted });
      const allowed = isAllowed(consentLedger(records, now).get("c1"), purpose, channel, now).allowed;
      expect(p(profileAt(records, listed, now), now)).toBe(allowed === granted);
    },
  );

  test.prop([fc.array(recordArb, { maxLength: 20 }), purposeArb, fc.option(fc.constantFrom(...channels), { nil: undefined }), fc.integer({ min: 0, max: 80 })])(
    "should keep its value on [now, nextChange): the answer at every later instant before it equals the answer at now",
    (records, purpose, channel, now) => {
      const node = channel === undefined ? ({ type: "consent", purpose, granted: true } as const) : ({ type: "consent", purpose, channel, granted: true } as const);
      const next = (consentConditionKind.nextChange?.(node) as (p: Profile, now: number) => number)(profileAt(records, [], now), now);
      expect(next).toBeGreaterThan(now);
      const at = (t: number) => isAllowed(consentLedger(records, t).get("c1"), purpose, channel, t).allowed;
      for (let t = now; t < Math.min(next, 200); t++) expect(at(t)).toBe(at(now));
    },
  );
});

describe("consentConditionKind examples", () => {
  it("should read a purpose-wide grant for a channel the profile has no flag for", () => {
    const p = consentConditionKind.compile({ type: "consent", purpose: "marketing", channel: "carrier_pigeon", granted: true });
    expect(p({ id: "c1", traits: {}, interactions: {}, consent: { marketing: true, "marketing:email": false } }, 0)).toBe(true);
    expect(p({ id: "c1", traits: {}, interactions: {}, consent: { marketing: true, "marketing:carrier_pigeon": false } }, 0)).toBe(false);
  });

  it("should schedule the re-check at an expiring grant and at a future-dated one", () => {
    const records: ConsentRecord[] = [
      { customerId: "c1", purpose: "marketing", status: "granted", at: 0, source: "form", expiresAt: 500 },
      { customerId: "c1", purpose: "analytics", status: "granted", at: 900, source: "form" },
    ];
    const next = consentConditionKind.nextChange?.({ type: "consent", purpose: "marketing", granted: true });
    expect(next?.(profileAt(records, [], 100), 100)).toBe(500);
    expect(next?.(profileAt(records, [], 500), 500)).toBe(900);
    expect(next?.(profileAt(records, [], 900), 900)).toBe(Infinity);
  });
});
