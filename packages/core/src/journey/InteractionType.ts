/**
 * The standard interaction types, after the Segment e-commerce and email
 * spec names: a page view, email opened / clicked, a purchase, a support
 * ticket, a review, a referral, a survey answer. Custom types are any other
 * non-empty string.
 *
 * @category Journey
 * @example
 * standardInteractionTypes.includes("purchase") // => true
 */
export const standardInteractionTypes = Object.freeze([
  "page_view",
  "product_view",
  "add_to_cart",
  "email_open",
  "email_click",
  "purchase",
  "ticket_opened",
  "review_posted",
  "referral_sent",
  "survey_answered",
] as const);

/** A standard interaction type or a custom one. */
export type InteractionType = (typeof standardInteractionTypes)[number] | (string & {});
