import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { engagementModelCatalog } from "./engagementModelCatalog.js";
import type { StrategyRule } from "./EngagementStrategy.js";
import { validateCapacities, validateEngagementStrategy } from "./validateEngagementStrategy.js";

const ctx = { models: engagementModelCatalog, segments: ["vip", "mid", "mass"] };

function failure(f: () => unknown): [string, readonly (string | number)[]] | "no error" {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return [e.code, e.path];
    throw e;
  }
  return "no error";
}

describe("validateEngagementStrategy", () => {
  it("should return a clean strategy for a valid one", () => {
    const s = {
      rules: [
        { segment: "vip", models: ["csm", "hybrid"] },
        { segment: "mid", journeyStage: "retention", models: ["proactive"] },
        { segment: "mid", ladderTier: "advocate", models: ["community", "low_touch"] },
      ],
      fallback: "low_touch",
    };
    expect(validateEngagementStrategy(JSON.parse(JSON.stringify(s)), ctx)).toEqual(s);
  });

  it("should name a missing segment, model or fallback with MODEL.UNKNOWN_REFERENCE and its path", () => {
    expect(failure(() => validateEngagementStrategy({ rules: [{ segment: "vip", models: ["csm"] }, { segment: "gold", models: ["csm"] }], fallback: "low_touch" }, ctx))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["rules", 1, "segment"]]);
    expect(failure(() => validateEngagementStrategy({ rules: [{ segment: "vip", models: ["csm", "concierge"] }], fallback: "low_touch" }, ctx))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["rules", 0, "models", 1]]);
    expect(failure(() => validateEngagementStrategy({ rules: [], fallback: "nobody" }, ctx))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["fallback"]]);
  });

  it("should reject bad shapes with MODEL.INVALID", () => {
    const cases: [unknown, readonly (string | number)[]][] = [
      [[], []],
      [{ rules: {}, fallback: "low_touch" }, ["rules"]],
      [{ rules: [] }, ["fallback"]],
      [{ rules: [{ segment: "vip", models: [] }], fallback: "low_touch" }, ["rules", 0, "models"]],
      [{ rules: [{ segment: "", models: ["csm"] }], fallback: "low_touch" }, ["rules", 0, "segment"]],
      [{ rules: [{ segment: "vip", models: ["csm"], ladderTier: "gold" }], fallback: "low_touch" }, ["rules", 0, "ladderTier"]],
      [{ rules: [{ segment: "vip", models: ["csm"], priority: 1 }], fallback: "low_touch" }, ["rules", 0, "priority"]],
      [{ rules: [], fallback: "low_touch", extra: true }, ["extra"]],
    ];
    for (const [input, path] of cases) expect(failure(() => validateEngagementStrategy(input, ctx)), JSON.stringify(path)).toEqual(["MODEL.INVALID", path]);
  });

  it("should find a rule after an un-narrowed '*' unreachable", () => {
    const s = { rules: [{ segment: "*", models: ["hybrid"] }, { segment: "vip", models: ["csm"] }], fallback: "low_touch" };
    expect(failure(() => validateEngagementStrategy(s, ctx))).toEqual(["MODEL.UNREACHABLE_RULE", ["rules", 1]]);
  });

  it("should find a repeated segment and narrowing unreachable, and a narrowed rule after its un-narrowed segment", () => {
    const same = { rules: [{ segment: "vip", journeyStage: "retention", models: ["csm"] }, { segment: "vip", journeyStage: "retention", models: ["hybrid"] }], fallback: "low_touch" };
    expect(failure(() => validateEngagementStrategy(same, ctx))).toEqual(["MODEL.UNREACHABLE_RULE", ["rules", 1]]);
    const wider = { rules: [{ segment: "vip", models: ["csm"] }, { segment: "vip", ladderTier: "advocate", models: ["community"] }], fallback: "low_touch" };
    expect(failure(() => validateEngagementStrategy(wider, ctx))).toEqual(["MODEL.UNREACHABLE_RULE", ["rules", 1]]);
  });

  it("should keep a rule reachable after a narrowed '*' or a narrower rule of its segment", () => {
    const s = {
      rules: [
        { segment: "*", journeyStage: "awareness", models: ["low_touch"] },
        { segment: "vip", ladderTier: "advocate", models: ["community"] },
        { segment: "vip", models: ["csm"] },
      ],
      fallback: "low_touch",
    };
    expect(validateEngagementStrategy(s, ctx).rules).toHaveLength(3);
  });

  it("should, given members, find a rule whose segment earlier un-narrowed rules already take", () => {
    const members = new Map([["vip", new Set(["a", "b"])], ["mid", new Set(["b", "c"])], ["mass", new Set(["a"])]]);
    const s = { rules: [{ segment: "vip", models: ["csm"] }, { segment: "mid", models: ["hybrid"] }, { segment: "mass", models: ["low_touch"] }], fallback: "self_service" };
    expect(failure(() => validateEngagementStrategy(s, { ...ctx, members }))).toEqual(["MODEL.UNREACHABLE_RULE", ["rules", 2]]);
    // an empty segment is not judged unreachable (it may fill later)
    const empty = new Map([["vip", new Set(["a"])], ["mass", new Set<string>()]]);
    expect(failure(() => validateEngagementStrategy(s, { ...ctx, members: empty }))).toBe("no error");
  });

  it("should report a model twice in one cascade, and the fallback before other models, as MODEL.OVERLAP", () => {
    expect(failure(() => validateEngagementStrategy({ rules: [{ segment: "vip", models: ["csm", "hybrid", "csm"] }], fallback: "low_touch" }, ctx))).toEqual(["MODEL.OVERLAP", ["rules", 0, "models", 2]]);
    expect(failure(() => validateEngagementStrategy({ rules: [{ segment: "vip", models: ["low_touch", "csm"] }], fallback: "low_touch" }, ctx))).toEqual(["MODEL.OVERLAP", ["rules", 0, "models", 0]]);
    // the fallback as the last model of a cascade is allowed
    expect(failure(() => validateEngagementStrategy({ rules: [{ segment: "vip", models: ["csm", "low_touch"] }], fallback: "low_touch" }, ctx))).toBe("no error");
  });
});

describe("validateEngagementStrategy laws", () => {
  const segs = ["vip", "mid", "mass", "*"];
  const ruleArb: fc.Arbitrary<StrategyRule> = fc
    .record({
      segment: fc.constantFrom(...segs),
      models: fc.uniqueArray(fc.constantFrom("csm", "high_touch", "hybrid", "proactive"), { minLength: 1, maxLength: 3 }),
      journeyStage: fc.option(fc.constantFrom("conversion", "retention"), { nil: undefined }),
      ladderTier: fc.option(fc.constantFrom("passive", "active", "advocate"), { nil: undefined }),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as StrategyRule);

  test.prop([fc.array(ruleArb, { maxLength: 6 })])("should be idempotent, and accept a strategy exactly when no earlier rule covers a later one", (rules) => {
    const s = { rules, fallback: "low_touch" };
    const covered = rules.some((r, i) =>
      rules.slice(0, i).some((e) => (e.segment === "*" || e.segment === r.segment) && (e.journeyStage === undefined || e.journeyStage === r.journeyStage) && (e.ladderTier === undefined || e.ladderTier === r.ladderTier)),
    );
    const result = failure(() => validateEngagementStrategy(s, ctx));
    if (covered) expect(result).not.toBe("no error");
    else {
      expect(result).toBe("no error");
      const once = validateEngagementStrategy(s, ctx);
      expect(validateEngagementStrategy(once, ctx)).toEqual(once);
      expect(once).toEqual(s);
    }
  });
});

describe("validateCapacities", () => {
  it("should return capacities of known models", () => {
    expect(validateCapacities({ csm: 40, high_touch: 0 }, engagementModelCatalog)).toEqual({ csm: 40, high_touch: 0 });
  });

  it("should reject a capacity below zero, fractional or NaN with MODEL.INVALID at ['capacities', id]", () => {
    expect(failure(() => validateCapacities({ csm: -1 }, engagementModelCatalog))).toEqual(["MODEL.INVALID", ["capacities", "csm"]]);
    expect(failure(() => validateCapacities({ csm: 2.5 }, engagementModelCatalog))).toEqual(["MODEL.INVALID", ["capacities", "csm"]]);
    expect(failure(() => validateCapacities({ csm: Number.NaN }, engagementModelCatalog))).toEqual(["MODEL.INVALID", ["capacities", "csm"]]);
    expect(failure(() => validateCapacities([], engagementModelCatalog))).toEqual(["MODEL.INVALID", ["capacities"]]);
  });

  it("should reject a capacity for an unknown model with MODEL.UNKNOWN_REFERENCE", () => {
    expect(failure(() => validateCapacities({ concierge: 3 }, engagementModelCatalog))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["capacities", "concierge"]]);
  });
});
