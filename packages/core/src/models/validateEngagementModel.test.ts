import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { ChannelRegistry } from "../journey/ChannelRegistry.js";
import type { JourneyMap } from "../journey/JourneyMap.js";
import type { EngagementModel } from "./EngagementModel.js";
import { catalogModel, engagementModelCatalog } from "./engagementModelCatalog.js";
import { validateEngagementModel } from "./validateEngagementModel.js";

const csm = catalogModel("csm") as EngagementModel;

/** Runs `f` and returns the InputError it throws, as [code, path]. */
function failure(f: () => unknown): [string, readonly (string | number)[]] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return [e.code, e.path];
    throw e;
  }
  throw new Error("expected an InputError");
}

const withPlay = (i: number, patch: Record<string, unknown>): unknown => ({
  ...csm,
  playbook: csm.playbook.map((p, j) => (j === i ? { ...p, ...patch } : p)),
});

describe("validateEngagementModel", () => {
  it("should return a clean copy of a valid model", () => {
    const out = validateEngagementModel(JSON.parse(JSON.stringify(csm)));
    expect(out).toEqual(csm);
    expect(out).not.toBe(csm);
  });

  it("should reject a model that refers to an unknown channel, with its path", () => {
    expect(failure(() => validateEngagementModel({ ...csm, channels: ["phone", "fax"] }))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["channels", 1]]);
    expect(failure(() => validateEngagementModel(withPlay(2, { channels: ["pigeon"] })))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["playbook", 2, "channels", 0]]);
  });

  it("should reject a model that refers to an unknown touchpoint or stage, with its path", () => {
    expect(failure(() => validateEngagementModel(withPlay(2, { touchpoints: ["onboarding_call", "carrier_pigeon"] })))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["playbook", 2, "touchpoints", 1]]);
    expect(failure(() => validateEngagementModel(withPlay(0, { stage: "discovery" })))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["playbook", 0, "stage"]]);
  });

  it("should accept a channel registered in the registry and a touchpoint of the given list", () => {
    const channels = new ChannelRegistry().register({ id: "fax", name: "Fax", kind: "physical" });
    expect(validateEngagementModel({ ...csm, channels: ["phone", "fax"] }, { channels }).channels).toEqual(["phone", "fax"]);
    const touchpoints = [{ id: "fax_blast", name: "Fax", channel: "fax", stages: ["retention"], ownership: "owned" as const, emits: [] }];
    const m = { ...csm, playbook: [{ stage: "retention", touchpoints: ["fax_blast"], channels: ["fax"], actions: ["fax"] }] };
    expect(validateEngagementModel(m, { channels, touchpoints }).playbook).toHaveLength(1);
    expect(failure(() => validateEngagementModel(m, { channels }))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["playbook", 0, "touchpoints", 0]]);
  });

  it("should check against a journey map's stages, touchpoints and extra channels when one is given", () => {
    const journeyMap: JourneyMap = {
      version: 1, id: "m", name: "M", personas: [], cells: [],
      stages: [{ id: "trial", name: "Trial", next: [] }],
      channels: [{ id: "kiosk", name: "Kiosk", kind: "physical" }],
      touchpoints: [{ id: "kiosk_demo", name: "Kiosk demo", channel: "kiosk", stages: ["trial"], ownership: "owned", emits: [] }],
    };
    const m = { ...csm, channels: ["kiosk"], playbook: [{ stage: "trial", touchpoints: ["kiosk_demo"], channels: ["kiosk"], actions: ["demo"] }] };
    expect(validateEngagementModel(m, { journeyMap }).playbook[0]?.stage).toBe("trial");
    expect(failure(() => validateEngagementModel(csm, { journeyMap }))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["playbook", 0, "stage"]]);
  });

  it("should require a playbook channel to be a touchpoint's channel or one of the model's channels", () => {
    // csm's channels are phone, email, web; its conversion entry uses onboarding_call (phone), training_session (web)
    expect(failure(() => validateEngagementModel(withPlay(2, { channels: ["sms"] })))).toEqual(["MODEL.INVALID", ["playbook", 2, "channels", 0]]);
    // email is a model channel, though no conversion touchpoint runs on it
    expect(validateEngagementModel(withPlay(2, { channels: ["email"] })).playbook[2]?.channels).toEqual(["email"]);
  });

  it("should require each playbook touchpoint to serve its entry's stage", () => {
    expect(failure(() => validateEngagementModel(withPlay(0, { touchpoints: ["checkout"] })))).toEqual(["MODEL.INVALID", ["playbook", 0, "touchpoints", 0]]);
  });

  it("should reject bad shapes and values with MODEL.INVALID and their paths", () => {
    const cases: [unknown, readonly (string | number)[]][] = [
      [null, []],
      [{ ...csm, id: "CSM" }, ["id"]],
      [{ ...csm, id: "my-model" }, ["id"]],
      [{ ...csm, version: 0 }, ["version"]],
      [{ ...csm, version: 1.5 }, ["version"]],
      [{ ...csm, kind: "vip" }, ["kind"]],
      [{ ...csm, touchLevel: "medium" }, ["touchLevel"]],
      [{ ...csm, ownerRole: "ceo" }, ["ownerRole"]],
      [{ ...csm, cadence: { period: "month", target: 5, cap: 2 } }, ["cadence", "target"]],
      [{ ...csm, cadence: { period: "day", target: 1, cap: 2 } }, ["cadence", "period"]],
      [{ ...csm, cadence: { period: "month", target: Number.NaN, cap: 2 } }, ["cadence", "target"]],
      [{ ...csm, cost: { period: "month", perCustomer: -1 } }, ["cost", "perCustomer"]],
      [{ ...csm, cost: { period: "month", perCustomer: 10, components: [{ label: "x", amount: 4 }] } }, ["cost", "perCustomer"]],
      [{ ...csm, cost: { period: "month", perCustomer: 0, components: [{ label: "x", amount: -1 }] } }, ["cost", "components", 0, "amount"]],
      [{ ...csm, kpis: [] }, ["kpis"]],
      [{ ...csm, kpis: ["nps", "nps"] }, ["kpis", 1]],
      [{ ...csm, channels: [] }, ["channels"]],
      [{ ...csm, bestFor: { ...csm.bestFor, markets: ["B2G"] } }, ["bestFor", "markets", 0]],
      [{ ...csm, bestFor: { ...csm.bestFor, markets: [] } }, ["bestFor", "markets"]],
      [{ ...csm, playbook: [...csm.playbook, csm.playbook[0]] }, ["playbook", 5, "stage"]],
      [withPlay(1, { actions: [] }), ["playbook", 1, "actions"]],
      [{ ...csm, colour: "blue" }, ["colour"]],
      [{ ...csm, description: 3 }, ["description"]],
    ];
    for (const [input, path] of cases) expect(failure(() => validateEngagementModel(input)), JSON.stringify(path)).toEqual(["MODEL.INVALID", path]);
  });

  it("should accept components that sum to perCustomer within 1e-9 relative, and reject 1e-8 off", () => {
    const ok = { ...csm, cost: { period: "month", perCustomer: 0.3, components: [{ label: "a", amount: 0.1 }, { label: "b", amount: 0.2 }] } };
    expect(validateEngagementModel(ok).cost.perCustomer).toBe(0.3); // 0.1 + 0.2 = 0.30000000000000004
    const off = { ...csm, cost: { period: "month", perCustomer: 0.3 * (1 + 1e-8), components: [{ label: "a", amount: 0.3 }] } };
    expect(failure(() => validateEngagementModel(off))).toEqual(["MODEL.INVALID", ["cost", "perCustomer"]]);
  });

  it("should write messages as '<fn> requires …', lower case, no trailing period", () => {
    expect(() => validateEngagementModel({ ...csm, channels: ["fax"] })).toThrow(/^validateEngagementModel requires a known channel at channels\[0\], got "fax"$/);
  });
});

describe("validateEngagementModel laws", () => {
  const modelArb = fc.constantFrom(...engagementModelCatalog);

  test.prop([modelArb])("should be idempotent: validate(validate(x)) deep-equals validate(x)", (m) => {
    const once = validateEngagementModel(JSON.parse(JSON.stringify(m)));
    expect(validateEngagementModel(once)).toEqual(once);
  });

  test.prop([modelArb, fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.constantFrom("week", "month", "quarter", "year")])(
    "should accept any non-negative components with perCustomer their sum",
    (m, amounts, period) => {
      const perCustomer = amounts.reduce((s, a) => s + a, 0);
      const cost = { period, perCustomer, components: amounts.map((amount, i) => ({ label: `c${i}`, amount })) };
      expect(validateEngagementModel({ ...m, cost }).cost).toEqual(cost);
    },
  );

  test.prop([modelArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })])(
    "should accept a cadence exactly when target ≤ cap",
    (m, a, b) => {
      const run = () => validateEngagementModel({ ...m, cadence: { period: "month", target: a, cap: b } });
      if (a <= b) expect(run().cadence).toEqual({ period: "month", target: a, cap: b });
      else expect(failure(run)).toEqual(["MODEL.INVALID", ["cadence", "target"]]);
    },
  );

  test.prop([modelArb, fc.string({ minLength: 1, maxLength: 12 })])("should accept an id exactly when it is lower snake case", (m, id) => {
    const snake = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(id);
    const run = () => validateEngagementModel({ ...m, id });
    if (snake) expect(run().id).toBe(id);
    else expect(failure(run)).toEqual(["MODEL.INVALID", ["id"]]);
  });
});
