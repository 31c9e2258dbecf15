import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { ConsentState } from "../consent/ConsentState.js";
import { ErrorCodes } from "../errors/codes.js";
import { referralLadderCriteria } from "../loyalty/referralLadderCriteria.js";
import { engagementLadder } from "../segments/engagementLadder.js";
import type { Profile } from "../segments/Profile.js";
import { recordInteraction } from "../segments/recordInteraction.js";
import type { AffinityEvent } from "./AffinityEvent.js";
import { categoryAffinity } from "./categoryAffinity.js";
import { compileNextBestOffer } from "./compileNextBestOffer.js";
import { catalogModel } from "../models/engagementModelCatalog.js";
import { defaultLadderOffers, type OfferDefinition } from "./OfferDefinition.js";
import { playbookOffers } from "./playbookOffers.js";

const DAY = 86_400_000;
const NOW = 400 * DAY;
const granted: ConsentState = { customerId: "c", entries: { personalization: { status: "granted", at: 0, source: "signup_form" } } };
const denied: ConsentState = { customerId: "c", entries: { personalization: { status: "denied", at: 0, source: "cookie_banner" } } };

const promotions: OfferDefinition[] = ["shoes", "bags", "hats"].map((c) => ({ id: `${c}_promo`, name: `${c} promotion`, category: c, minCategoryShare: 0.3, priority: 2 }));
const generic: OfferDefinition = { id: "newsletter", nonPersonalDefault: true };

describe("next best offer scenarios (seeds: personalized and engagement-ladder models)", () => {
  const pick = compileNextBestOffer([...promotions, generic]);

  it("should give a frequent buyer of one category that category's promotion first, naming the evidence", () => {
    const events: AffinityEvent[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ type: "purchase", at: NOW - i * 20 * DAY, category: "shoes" })),
      { type: "purchase", at: NOW - 200 * DAY, category: "bags" },
      { type: "product_view", at: NOW - DAY, category: "hats" },
    ];
    const affinity = categoryAffinity(events, NOW);
    const r = pick({ profile: { id: "c", traits: {}, interactions: {} }, consent: granted, affinity }, NOW);
    expect(r.personalized).toBe(true);
    expect(r.offers.map((o) => o.offer)).toEqual(["shoes_promo", "newsletter"]);
    expect(r.offers[0]?.reason).toMatch(/^shoes is 9\d\.\d% of the customer's decayed category affinity \(10 events, minimum 30%\)$/);
  });

  it("should give a passive customer an awareness campaign, an active one a loyalty offer, an advocate a referral invitation", () => {
    const ladder = engagementLadder(referralLadderCriteria());
    const ladderPick = compileNextBestOffer(defaultLadderOffers);
    const passive: Profile = { id: "p", traits: {}, interactions: {} };
    const active = recordInteraction(passive, "purchase", NOW - 10 * DAY);
    const advocate = recordInteraction(active, "referral_converted", NOW - 5 * DAY);
    const chosen = [passive, active, advocate].map((p) => {
      const profile: Profile = { ...p, tier: ladder.tierOf(p, NOW) };
      const r = ladderPick({ profile, consent: granted }, NOW);
      expect(r.offers).toHaveLength(1);
      expect(r.offers[0]?.reason).toContain("\"ladderTier\"");
      return [profile.tier, r.offers[0]?.offer];
    });
    expect(chosen).toEqual([
      ["passive", "awareness_campaign"],
      ["active", "loyalty_offer"],
      ["advocate", "referral_invitation"],
    ]);
  });

  it("should pick the engagement-ladder model's own plays by tier (catalog playbook)", () => {
    const model = catalogModel("engagement_ladder")!;
    const pickPlay = compileNextBestOffer(playbookOffers(model));
    const first = (tier: "passive" | "active" | "advocate") => pickPlay({ profile: { id: "c", traits: {}, interactions: {}, tier }, consent: granted }, NOW).offers[0]?.name;
    expect([first("passive"), first("active"), first("advocate")]).toEqual(["targeted campaigns for passive customers", "tier rewards for active customers", "referral programme for advocates"]);
    expect(pickPlay({ profile: { id: "c", traits: {}, interactions: {}, tier: "advocate" }, consent: undefined }, NOW).offers.map((o) => o.name)).toEqual(["targeted campaigns for passive customers", "informative content"]);
  });

  it("should fall back to non-personal defaults without personalization consent, and say so", () => {
    const profile: Profile = { id: "c", traits: {}, interactions: {}, tier: "advocate" };
    const affinity = categoryAffinity([{ type: "purchase", at: NOW, category: "shoes" }], NOW);
    for (const consent of [denied, undefined]) {
      const r = compileNextBestOffer([...promotions, ...defaultLadderOffers, generic])({ profile, consent, affinity }, NOW);
      expect(r.personalized).toBe(false);
      expect(r.offers.map((o) => o.offer)).toEqual(["awareness_campaign", "newsletter"]);
      for (const o of r.offers) expect(o.reason).toMatch(/^non-personal default \(no personalization: (no personalization consent was given|personalization consent was denied at 0 \(cookie_banner\))\)$/);
    }
  });
});

describe("next best offer laws", () => {
  const offerArb = fc.record({
    category: fc.option(fc.constantFrom("shoes", "bags", "hats"), { nil: undefined }),
    min: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
    priority: fc.integer({ min: -3, max: 3 }),
    nonPersonalDefault: fc.boolean(),
  });
  const eventArb = fc.record({ type: fc.constant("purchase"), at: fc.integer({ min: 0, max: NOW }), category: fc.constantFrom("shoes", "bags", "hats") });

  test.prop([fc.array(offerArb, { maxLength: 8 }), fc.array(eventArb, { maxLength: 20 }), fc.boolean(), fc.subarray(["shoes", "bags", "hats"])])(
    "should rank by priority then share, honour minimum shares and opt-outs, and return only non-personal defaults without consent",
    (specs, events, consented, optedOutCategories) => {
      const offers: OfferDefinition[] = specs.map((s, i) => ({
        id: `o${i}`,
        priority: s.priority,
        nonPersonalDefault: s.nonPersonalDefault,
        ...(s.category === undefined ? {} : { category: s.category, ...(s.min === undefined ? {} : { minCategoryShare: s.min }) }),
      }));
      const affinity = categoryAffinity(events, NOW);
      const r = compileNextBestOffer(offers)({ profile: { id: "c", traits: {}, interactions: {} }, consent: consented ? granted : denied, affinity, optedOutCategories }, NOW);
      const byId = new Map(offers.map((o) => [o.id, o]));
      const share = (c: string | undefined) => (c === undefined ? 0 : (affinity.shares.find((s) => s.key === c)?.share ?? 0));
      for (const o of r.offers) {
        const def = byId.get(o.offer)!;
        if (def.category !== undefined) expect(optedOutCategories).not.toContain(def.category);
        if (!consented) expect(def.nonPersonalDefault).toBe(true);
        else if (def.minCategoryShare !== undefined) expect(share(def.category)).toBeGreaterThanOrEqual(def.minCategoryShare);
      }
      for (let i = 1; i < r.offers.length; i++) {
        const [a, b] = [r.offers[i - 1]!, r.offers[i]!];
        expect(a.priority).toBeGreaterThanOrEqual(b.priority);
        if (consented && a.priority === b.priority) expect(share(byId.get(a.offer)!.category)).toBeGreaterThanOrEqual(share(byId.get(b.offer)!.category));
      }
      const kept = offers.filter((o) => o.category === undefined || !optedOutCategories.includes(o.category));
      const expected = consented ? kept.filter((o) => o.minCategoryShare === undefined || share(o.category) >= o.minCategoryShare) : kept.filter((o) => o.nonPersonalDefault);
      expect(r.offers.map((o) => o.offer).sort()).toEqual(expected.map((o) => o.id).sort());
    },
  );

  it("should reject playbooks it cannot rank", () => {
    expect(() => compileNextBestOffer([{ id: "a" }, { id: "a" }])).toThrow(expect.objectContaining({ code: ErrorCodes.DUPLICATE_ID, path: ["offers", 1, "id"] }));
    expect(() => compileNextBestOffer([{ id: "a", minCategoryShare: 0.5 }])).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => compileNextBestOffer([{ id: "a", category: "x", minCategoryShare: 1.5 }])).toThrow(expect.objectContaining({ path: ["offers", 0, "minCategoryShare"] }));
    expect(() => compileNextBestOffer([{ id: "a", condition: { type: "inSegment", segmentId: "nope" } }])).toThrow(expect.objectContaining({ code: ErrorCodes.SEGMENT_UNKNOWN_SEGMENT, path: expect.arrayContaining(["offers", 0]) }));
  });
});
