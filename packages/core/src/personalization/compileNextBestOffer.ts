import { isAllowed, type ConsentDecision } from "../consent/isAllowed.js";
import type { ConsentState } from "../consent/ConsentState.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";
import { evidenceOf } from "../loyalty/_internal/evidence.js";
import type { ProfilePredicate } from "../segments/ConditionKind.js";
import { compileSegment } from "../segments/compileSegment.js";
import { segmentExplainer, type SegmentExplanation } from "../segments/explainSegment.js";
import type { Profile } from "../segments/Profile.js";
import type { SegmentOptions } from "../segments/SegmentOptions.js";
import type { Affinity } from "./Affinity.js";
import type { OfferDefinition } from "./OfferDefinition.js";

/** The customer an offer is chosen for. */
export interface OfferCustomer {
  readonly profile: Profile;
  /** The customer's consent state; undefined = none recorded (no personalization). */
  readonly consent: ConsentState | undefined;
  /** Category affinity ({@link categoryAffinity}), read by offers with a `category`. */
  readonly affinity?: Affinity;
  /** Categories the customer opted out of: offers promoting them are never returned, with or without consent. */
  readonly optedOutCategories?: readonly string[];
}

/** One offer chosen, with why. */
export interface OfferRecommendation {
  readonly offer: string;
  readonly name?: string;
  readonly priority: number;
  readonly category?: string;
  /** The customer's affinity share of `category` (0 when none), when the offer has one and personalization is allowed. */
  readonly categoryShare?: number;
  /** The evidence: the eligibility leaves that matched and the values they saw, the affinity share, or the consent fallback. */
  readonly reason: string;
}

/** Ranked offers for one customer. */
export interface NextBestOffers {
  readonly personalized: boolean;
  readonly consent: ConsentDecision;
  /** Best first; empty when no offer is eligible. */
  readonly offers: readonly OfferRecommendation[];
}

/** Chooses offers for one customer at `now`. */
export type NextBestOfferPicker = (customer: OfferCustomer, now: number) => NextBestOffers;

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * Compiles a playbook of offers once into a next-best-offer picker.
 *
 * With personalization consent (`isAllowed(consent, "personalization", —, now)`)
 * an offer is eligible when its condition holds for the profile (compiled with
 * {@link compileSegment}) and, for an offer with `category` and
 * `minCategoryShare`, when the customer's affinity share of that category is at
 * least the minimum. Eligible offers rank by priority (higher first), then by
 * the affinity share of their category (so a frequent buyer of one category
 * sees that category's promotion first), then playbook order. Each carries its
 * evidence: the matched condition leaves with the values seen
 * ({@link explainSegment}) and the category share.
 *
 * Without it, the profile and affinity are not read: only offers marked
 * `nonPersonalDefault` are returned, by priority, each reason saying that it is
 * a non-personal default and why consent is missing — the fallback GDPR Art. 21
 * and 22 expect when a customer objects to profiling.
 *
 * Offers promoting a category the customer opted out of are never returned,
 * in either case (an opt-out is the customer's stated wish, not profiling).
 *
 * The picker chooses; whether the offer may be sent on a channel is decided by
 * marketing consent and the contact policy (proactive/).
 *
 * @throws {InputError} `JOURNEY.DUPLICATE_ID` for two offers with one id; `METRIC.INVALID_OPTION` for a priority that is
 *   not finite or a minCategoryShare outside (0, 1] or without a category; a criterion's validation issue (path under `["offers", i]`)
 * @category Personalization
 * @example
 * const pick = compileNextBestOffer(defaultLadderOffers);
 * const granted = { customerId: "c", entries: { personalization: { status: "granted", at: 0, source: "form" } } } as const;
 * pick({ profile: { id: "c", traits: {}, interactions: {}, tier: "advocate" }, consent: granted }, 1).offers[0]?.offer // => "referral_invitation"
 */
export function compileNextBestOffer(offers: readonly OfferDefinition[], options: SegmentOptions = {}): NextBestOfferPicker {
  const fn = "compileNextBestOffer";
  const ids = new Set<string>();
  const compiled = offers.map((o, i) => {
    if (typeof o.id !== "string" || o.id.length === 0) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty offer id, got ${describe(o.id)}`, ["offers", i, "id"], o.id);
    if (ids.has(o.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique offer ids, got ${JSON.stringify(o.id)} twice`, ["offers", i, "id"], o.id);
    ids.add(o.id);
    const priority = o.priority ?? 0;
    if (!(typeof priority === "number" && Number.isFinite(priority))) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a finite priority, got ${describe(priority)}`, ["offers", i, "priority"], priority);
    if (o.minCategoryShare !== undefined) {
      if (o.category === undefined) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a category for minCategoryShare`, ["offers", i, "minCategoryShare"], o.minCategoryShare);
      if (!(o.minCategoryShare > 0 && o.minCategoryShare <= 1)) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a minCategoryShare in (0, 1], got ${describe(o.minCategoryShare)}`, ["offers", i, "minCategoryShare"], o.minCategoryShare);
    }
    let test: ProfilePredicate | undefined;
    let explain: ((p: Profile, now: number) => SegmentExplanation) | undefined;
    if (o.condition !== undefined) {
      const definition = { id: `offer:${o.id}`, condition: o.condition };
      try {
        test = compileSegment(definition, options);
        explain = segmentExplainer(definition, options);
      } catch (e) {
        if (e instanceof InputError) throw new InputError(e.code, e.message, ["offers", i, ...e.path], e.value);
        throw e;
      }
    }
    return { o, priority, index: i, test, explain };
  });
  const base = (o: OfferDefinition, priority: number) => ({ offer: o.id, ...(o.name === undefined ? {} : { name: o.name }), priority, ...(o.category === undefined ? {} : { category: o.category }) });

  return (customer, now) => {
    assertFinite(fn, now, ["now"]);
    const consent = isAllowed(customer.consent, "personalization", undefined, now);
    const optedOut = new Set(customer.optedOutCategories ?? []);
    const wanted = compiled.filter((c) => c.o.category === undefined || !optedOut.has(c.o.category));
    if (!consent.allowed) {
      const chosen = wanted
        .filter((c) => c.o.nonPersonalDefault === true)
        .sort((a, b) => b.priority - a.priority || a.index - b.index)
        .map((c) => ({ ...base(c.o, c.priority), reason: `non-personal default (no personalization: ${consent.reason})` }));
      return { personalized: false, consent, offers: chosen };
    }
    const shareOf = (category: string): number => customer.affinity?.shares.find((s) => s.key === category)?.share ?? 0;
    const eligible: { rec: OfferRecommendation; share: number; index: number }[] = [];
    for (const c of wanted) {
      if (c.test !== undefined && !c.test(customer.profile, now)) continue;
      const parts: string[] = [];
      if (c.explain !== undefined) parts.push(`eligible: ${evidenceOf(c.explain(customer.profile, now))}`);
      let share = 0;
      if (c.o.category !== undefined) {
        share = shareOf(c.o.category);
        if (c.o.minCategoryShare !== undefined && share < c.o.minCategoryShare) continue;
        const n = customer.affinity?.n ?? 0;
        parts.push(`${c.o.category} is ${pct(share)} of the customer's decayed category affinity (${n} events${c.o.minCategoryShare === undefined ? "" : `, minimum ${pct(c.o.minCategoryShare)}`})`);
      }
      if (parts.length === 0) parts.push("offered to everyone");
      eligible.push({ rec: { ...base(c.o, c.priority), ...(c.o.category === undefined ? {} : { categoryShare: share }), reason: parts.join("; ") }, share, index: c.index });
    }
    eligible.sort((a, b) => b.rec.priority - a.rec.priority || b.share - a.share || a.index - b.index);
    return { personalized: true, consent, offers: eligible.map((e) => e.rec) };
  };
}
