import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { applyConsent } from "./applyConsent.js";
import { consentFlags } from "./consentFlags.js";
import { consentLedger } from "./consentLedger.js";
import type { ConsentRecord } from "./ConsentRecord.js";
import { filterExport } from "./filterExport.js";
import { isAllowed } from "./isAllowed.js";
import { validateConsentRecord } from "./validateConsentRecord.js";

const rec = (r: Partial<ConsentRecord> & Pick<ConsentRecord, "status" | "at">): ConsentRecord => ({ customerId: "c1", purpose: "marketing", source: "form", ...r });

const recordArb: fc.Arbitrary<ConsentRecord> = fc
  .record({
    customerId: fc.constantFrom("c1", "c2", "c3"),
    purpose: fc.constantFrom("marketing", "personalization", "analytics", "service"),
    channel: fc.option(fc.constantFrom("email", "sms", "push"), { nil: undefined }),
    status: fc.constantFrom("granted", "denied", "withdrawn"),
    at: fc.integer({ min: 0, max: 20 }),
    source: fc.constantFrom("form", "agent", "import"),
  })
  .map(({ channel, ...r }) => (channel === undefined ? r : { ...r, channel }));

describe("consentLedger laws", () => {
  test.prop([fc.array(recordArb, { maxLength: 30 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })))])(
    "should not depend on the order of the records (late records fold in exactly)",
    ([records, shuffled]) => {
      const a = consentLedger(records);
      const b = consentLedger(shuffled);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [id, s] of a) expect(b.get(id)?.entries).toEqual(s.entries);
    },
  );

  test.prop([fc.array(recordArb, { maxLength: 30 }), fc.constantFrom("marketing", "personalization", "analytics") as fc.Arbitrary<"marketing">, fc.option(fc.constantFrom("email", "sms", "push"), { nil: undefined })])(
    "should allow a consent-based purpose only when the newest relevant record is a grant",
    (records, purpose, channel) => {
      const state = consentLedger(records).get("c1");
      const relevant = records.filter((r) => r.customerId === "c1" && r.purpose === purpose && (r.channel === undefined || r.channel === channel));
      const d = isAllowed(state, purpose, channel);
      if (relevant.length === 0) expect(d).toMatchObject({ allowed: false, rule: "not-granted" });
      // brute force: the newest relevant record(s); at equal times any refusal wins
      const newest = Math.max(...relevant.map((r) => r.at));
      const top = relevant.filter((r) => r.at === newest);
      if (relevant.length > 0) expect(d.allowed).toBe(top.every((r) => r.status === "granted"));
    },
  );

  test.prop([fc.array(recordArb, { maxLength: 30 }), fc.constantFrom("email", "sms", "push")])("should allow service contact unless the newest service record refuses it", (records, channel) => {
    const state = consentLedger(records).get("c1");
    const service = records.filter((r) => r.customerId === "c1" && r.purpose === "service" && (r.channel === undefined || r.channel === channel));
    const d = isAllowed(state, "service", channel);
    if (service.length === 0) expect(d).toMatchObject({ allowed: true, rule: "service-rule" });
    else {
      const newest = Math.max(...service.map((r) => r.at));
      expect(d.allowed).toBe(service.filter((r) => r.at === newest).every((r) => r.status === "granted"));
    }
  });

  test.prop([fc.array(recordArb, { maxLength: 30 }), fc.array(fc.constantFrom("c1", "c2", "c3", "c4"), { maxLength: 20 })])("should export only rows of customers with analytics consent", (records, ids) => {
    const states = consentLedger(records);
    const out = filterExport(
      ids.map((customerId, i) => ({ customerId, i })),
      states,
    );
    for (const row of out.rows) expect(isAllowed(states.get(row.customerId), "analytics").allowed).toBe(true);
    expect(out.rows.length + out.omitted).toBe(ids.length);
  });
});

describe("consent precedence", () => {
  it("should let a later purpose-wide withdrawal beat an earlier channel opt-in, and a later channel opt-in beat an earlier purpose-wide denial", () => {
    let s = applyConsent(undefined, rec({ channel: "email", status: "granted", at: 1 }));
    s = applyConsent(s, rec({ status: "withdrawn", at: 2, source: "unsubscribe_all" }));
    expect(isAllowed(s, "marketing", "email")).toMatchObject({ allowed: false, rule: "withdrawn", key: "marketing" });
    s = applyConsent(s, rec({ channel: "sms", status: "granted", at: 3 }));
    expect(isAllowed(s, "marketing", "sms")).toMatchObject({ allowed: true, rule: "granted", key: "marketing:sms" });
    expect(isAllowed(s, "marketing", "email").allowed).toBe(false);
    expect(isAllowed(s, "marketing").allowed).toBe(false);
  });

  it("should let a refusal win a tie with a grant at the same instant", () => {
    const s = consentLedger([rec({ status: "granted", at: 5 }), rec({ channel: "email", status: "denied", at: 5 })]).get("c1");
    expect(isAllowed(s, "marketing", "email").rule).toBe("denied");
    expect(isAllowed(s, "marketing", "sms").rule).toBe("granted");
  });

  it("should ignore future-dated entries and lapse expired grants at `now`", () => {
    const s = consentLedger([rec({ status: "granted", at: 10, expiresAt: 100 })]).get("c1");
    expect(isAllowed(s, "marketing", "email", 5).rule).toBe("not-granted");
    expect(isAllowed(s, "marketing", "email", 50).rule).toBe("granted");
    expect(isAllowed(s, "marketing", "email", 100).rule).toBe("expired");
  });

  it("should apply the service rule: marketing refusals do not block a ticket reply, a service refusal does", () => {
    const s = consentLedger([rec({ status: "denied", at: 1 }), rec({ purpose: "service", channel: "sms", status: "denied", at: 2 })]).get("c1");
    expect(isAllowed(s, "service", "email")).toMatchObject({ allowed: true, rule: "service-rule" });
    expect(isAllowed(s, "service", "sms")).toMatchObject({ allowed: false, rule: "service-refused" });
  });

  it("should answer segments' Profile.consent keys with the same decisions", () => {
    const s = consentLedger([rec({ channel: "email", status: "granted", at: 1 })]).get("c1");
    const flags = consentFlags(s, ["sms"]);
    expect(flags).toMatchObject({ marketing: false, "marketing:email": true, "marketing:sms": false, "service:sms": true, analytics: false });
  });

  it("should drop rows with a per-channel analytics refusal when the channel is given", () => {
    const states = consentLedger([rec({ purpose: "analytics", status: "granted", at: 1 }), rec({ purpose: "analytics", channel: "sms", status: "withdrawn", at: 2 })]);
    const rows = [
      { customerId: "c1", channel: "email" },
      { customerId: "c1", channel: "sms" },
    ];
    const out = filterExport(rows, states, { channelOf: (r) => r.channel });
    expect(out.rows).toEqual([{ customerId: "c1", channel: "email" }]);
    expect(out.omittedCustomers.get("c1")).toBe("withdrawn");
  });
});

describe("consent input errors", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return { code: e.code, path: e.path };
      throw e;
    }
    return undefined;
  };
  it("should reject malformed records with typed errors and paths", () => {
    expect(code(() => validateConsentRecord({ customerId: "c1", purpose: "ads", status: "granted", at: 0, source: "f" }))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["purpose"] });
    expect(code(() => validateConsentRecord({ customerId: "c1", purpose: "marketing", status: "maybe", at: 0, source: "f" }))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["status"] });
    expect(code(() => validateConsentRecord({ customerId: "", purpose: "marketing", status: "granted", at: 0, source: "f" }))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["customerId"] });
    expect(code(() => validateConsentRecord({ customerId: "c1", purpose: "marketing", status: "granted", at: Number.NaN, source: "f" }))).toEqual({ code: "METRIC.NOT_FINITE", path: ["at"] });
    expect(code(() => consentLedger([rec({ status: "granted", at: 1 }), rec({ status: "granted", at: 2, source: "" })]))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["records", 1, "source"] });
    expect(code(() => applyConsent({ customerId: "c2", entries: {} }, rec({ status: "granted", at: 1 })))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["record", "customerId"] });
    expect(code(() => filterExport([{ visits: 1 }], new Map()))).toEqual({ code: "JOURNEY.INVALID_FIELD", path: ["rows", 0] });
  });
});
