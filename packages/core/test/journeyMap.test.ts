import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defaultJourneyStages } from "../src/journey/defaultJourneyStages.js";
import type { JourneyMap } from "../src/journey/JourneyMap.js";
import { validateJourneyMap } from "../src/journey/validateJourneyMap.js";

const map: JourneyMap = {
  version: 1,
  id: "retail",
  name: "Retail journey",
  stages: defaultJourneyStages,
  personas: [
    { id: "bargain", name: "Bargain hunter", goals: ["best price"], needs: ["price alerts"], preferredChannels: ["email", "mobile_app"] },
    { id: "busy", name: "Busy parent", goals: ["fast checkout"], needs: ["saved baskets"], preferredChannels: ["mobile_app"] },
  ],
  channels: [{ id: "kiosk", name: "Store kiosk", kind: "physical" }],
  touchpoints: [
    { id: "search_ad", name: "Search ad", channel: "web", stages: ["awareness"], ownership: "paid", emits: ["page_view"] },
    { id: "product_page", name: "Product page", channel: "web", stages: ["consideration"], ownership: "owned", emits: ["product_view"] },
    { id: "checkout", name: "Checkout", channel: "web", stages: ["conversion"], ownership: "owned", emits: ["purchase"] },
    { id: "kiosk_pickup", name: "Kiosk pick-up", channel: "kiosk", stages: ["conversion", "retention"], ownership: "owned", emits: [] },
    { id: "review_site", name: "Review site", channel: "social", stages: ["advocacy"], ownership: "earned", emits: ["review_posted"] },
  ],
  cells: [
    {
      stage: "conversion",
      persona: "busy",
      touchpoints: ["checkout", "kiosk_pickup"],
      goals: ["pay in under a minute"],
      emotions: [{ label: "impatient", valence: -0.4 }],
      painPoints: ["address form on mobile"],
      kpis: [{ id: "cr", name: "Checkout conversion", metric: "conversionRate", target: 0.6, direction: "higher" }],
    },
  ],
};

describe("validateJourneyMap", () => {
  it("should accept a valid map and survive a JSON round trip unchanged", () => {
    const r = validateJourneyMap(JSON.parse(JSON.stringify(map)));
    expect(r.valid).toBe(true);
    if (r.valid) expect(r.map).toEqual(map);
  });

  it("should report every error with its path, not just the first", () => {
    const bad = JSON.parse(JSON.stringify(map));
    bad.touchpoints[2].channel = "fax";
    bad.touchpoints.push({ ...bad.touchpoints[0] });
    bad.cells[0].touchpoints.push("nowhere");
    bad.cells.push({ ...bad.cells[0], touchpoints: [] });
    bad.personas[1].preferredChannels = ["pigeon"];
    bad.cells[0].emotions[0].valence = 3;
    bad.stages = [...bad.stages.slice(0, 4), { ...bad.stages[4], next: ["consideration", "nirvana"] }];
    const r = validateJourneyMap(bad);
    expect(r.valid).toBe(false);
    const got = r.errors.map((e) => [e.code, e.path]);
    expect(got).toEqual(
      expect.arrayContaining([
        ["JOURNEY.UNKNOWN_REFERENCE", ["touchpoints", 2, "channel"]],
        ["JOURNEY.DUPLICATE_ID", ["touchpoints", 5, "id"]],
        ["JOURNEY.UNKNOWN_REFERENCE", ["cells", 0, "touchpoints", 2]],
        ["JOURNEY.DUPLICATE_ID", ["cells", 1, "stage"]],
        ["JOURNEY.UNKNOWN_REFERENCE", ["personas", 1, "preferredChannels", 0]],
        ["METRIC.OUT_OF_RANGE", ["cells", 0, "emotions", 0, "valence"]],
        ["METRIC.OUT_OF_RANGE", ["cells", 1, "emotions", 0, "valence"]], // the copied cell shares the emotions array
        ["JOURNEY.UNKNOWN_REFERENCE", ["stages", 4, "next", 1]],
        ["JOURNEY.STAGE_CYCLE", ["stages", 4, "next", 0]],
      ]),
    );
    expect(got).toHaveLength(9);
    const cycle = r.errors.find((e) => e.code === "JOURNEY.STAGE_CYCLE")!;
    expect(cycle.message).toContain("consideration → conversion → retention → advocacy → consideration");
  });

  it("should reject what is not a map, and wrong field types", () => {
    expect(validateJourneyMap(null).valid).toBe(false);
    const r = validateJourneyMap({ ...map, version: 2, stages: "five", cells: [{ stage: 1 }] });
    expect(r.valid).toBe(false);
    const paths = r.errors.map((e) => JSON.stringify(e.path));
    expect(paths).toEqual(expect.arrayContaining(['["version"]', '["stages"]', '["cells",0,"stage"]', '["cells",0,"persona"]']));
  });

  test.prop([fc.integer({ min: 2, max: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 })])(
    "should accept any forward-only stage graph and flag a cycle as soon as one back edge is added",
    (n, pairs) => {
      const next: string[][] = Array.from({ length: n }, () => []);
      for (const [a, b] of pairs) {
        const i = a % n;
        const j = b % n;
        if (i < j && !next[i]!.includes(`s${j}`)) next[i]!.push(`s${j}`);
      }
      if (!next[0]!.includes(`s${n - 1}`)) next[0]!.push(`s${n - 1}`);
      const stages = next.map((nx, i) => ({ id: `s${i}`, name: `S${i}`, next: nx }));
      const ok = validateJourneyMap({ ...map, stages, touchpoints: [], cells: [] });
      expect(ok.valid).toBe(true);
      const back = stages.map((s, i) => (i === n - 1 ? { ...s, next: ["s0"] } : s));
      const bad = validateJourneyMap({ ...map, stages: back, touchpoints: [], cells: [] });
      expect(bad.valid).toBe(false);
      expect(bad.errors.map((e) => e.code)).toEqual(["JOURNEY.STAGE_CYCLE"]);
    },
  );
});
