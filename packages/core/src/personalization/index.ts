// Public surface of the personalization area (issue 13): time-decayed category and item affinity,
// item co-occurrence ("customers who bought X also bought Y") with documented association measures,
// top sellers as the non-personal default, consent-aware personal recommendations, and an explainable
// next-best-offer over a playbook of offers.

// Affinity
export type { AffinityEvent, AffinityOptions } from "./AffinityEvent.js";
export { defaultAffinityWeights } from "./AffinityEvent.js";
export type { Affinity, AffinityShare } from "./Affinity.js";
export { categoryAffinity } from "./categoryAffinity.js";
export { itemAffinity } from "./itemAffinity.js";

// Co-occurrence recommendations
export { itemCooccurrence } from "./itemCooccurrence.js";
export type { CooccurrenceModel } from "./itemCooccurrence.js";
export { associationMeasures } from "./associationMeasures.js";
export type { AssociationMeasures, AssociationMeasure } from "./associationMeasures.js";
export type { ItemRecommendation, RecommendationFilters, CooccurrenceOptions } from "./ItemRecommendation.js";
export { alsoBought } from "./alsoBought.js";
export { topSellers } from "./topSellers.js";
export { recommendItems } from "./recommendItems.js";
export type { RecommendationCustomer, RecommendItemsOptions, ItemRecommendations } from "./recommendItems.js";

// Next best offer
export type { OfferDefinition } from "./OfferDefinition.js";
export { defaultLadderOffers } from "./OfferDefinition.js";
export { compileNextBestOffer } from "./compileNextBestOffer.js";
export type { OfferCustomer, OfferRecommendation, NextBestOffers, NextBestOfferPicker } from "./compileNextBestOffer.js";
export { playbookOffers, ladderStageConditions } from "./playbookOffers.js";
export type { PlaybookOfferOptions } from "./playbookOffers.js";
