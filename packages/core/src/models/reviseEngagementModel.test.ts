import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import type { EngagementModel } from "./EngagementModel.js";
import { catalogModel, engagementModelCatalog } from "./engagementModelCatalog.js";
import { reviseEngagementModel } from "./reviseEngagementModel.js";

const csm = catalogModel("csm") as EngagementModel;

describe("reviseEngagementModel", () => {
  it("should make version 2 with the change applied and everything else kept", () => {
    const v2 = reviseEngagementModel(csm, { cadence: { period: "month", target: 2, cap: 6 } });
    expect(v2.version).toBe(2);
    expect(v2.id).toBe("csm");
    expect(v2.cadence).toEqual({ period: "month", target: 2, cap: 6 });
    expect({ ...v2, version: 1, cadence: csm.cadence }).toEqual(csm);
    expect(csm.version).toBe(1); // the previous version is untouched
  });

  it("should return previous itself when nothing changes (documented: no new version for a no-op)", () => {
    expect(reviseEngagementModel(csm, {})).toBe(csm);
    expect(reviseEngagementModel(csm, { name: csm.name, cadence: { ...csm.cadence } })).toBe(csm);
    expect(reviseEngagementModel(csm, { ...csm })).toBe(csm);
  });

  it("should refuse to change id or version", () => {
    const attempt = (changes: Record<string, unknown>) => {
      try {
        reviseEngagementModel(csm, changes as never);
      } catch (e) {
        return e instanceof InputError ? [e.code, e.path] : e;
      }
      return "no error";
    };
    expect(attempt({ id: "csm_2" })).toEqual(["MODEL.INVALID", ["changes", "id"]]);
    expect(attempt({ version: 7 })).toEqual(["MODEL.INVALID", ["changes", "version"]]);
  });

  it("should validate the revised model, with the path of the bad field", () => {
    expect(() => reviseEngagementModel(csm, { channels: ["fax"] })).toThrow(expect.objectContaining({ code: "MODEL.UNKNOWN_REFERENCE", path: ["channels", 0] }));
    expect(() => reviseEngagementModel(csm, { cadence: { period: "month", target: 3, cap: 1 } })).toThrow(expect.objectContaining({ code: "MODEL.INVALID", path: ["cadence", "target"] }));
  });
});

describe("reviseEngagementModel laws", () => {
  const modelArb = fc.constantFrom(...engagementModelCatalog);
  const changeArb = fc.oneof(
    fc.record({ name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== "") }),
    fc.integer({ min: 0, max: 20 }).chain((t) => fc.integer({ min: t, max: 40 }).map((cap) => ({ cadence: { period: "month" as const, target: t, cap } }))),
    fc.double({ min: 0, max: 1e4, noNaN: true }).map((p) => ({ cost: { period: "month" as const, perCustomer: p } })),
  );

  test.prop([modelArb, changeArb])("should increment the version exactly once per effective change", (m, change) => {
    const next = reviseEngagementModel(m, change);
    expect(next.version === m.version + 1 || next === m).toBe(true);
    if (next !== m) {
      expect(next.id).toBe(m.id);
      const twice = reviseEngagementModel(next, change);
      expect(twice).toBe(next); // applying the same change again changes nothing
    }
  });

  test.prop([modelArb, fc.subarray(["name", "kind", "channels", "cadence", "bestFor", "kpis", "playbook", "cost", "id", "version"] as const)])(
    "should be the identity when revising with the previous's own fields",
    (m, keys) => {
      const changes = Object.fromEntries(keys.map((k) => [k, structuredClone(m[k])]));
      expect(reviseEngagementModel(m, changes)).toBe(m);
    },
  );
});
