/**
 * A place where the customer meets the brand: a product page, a welcome
 * email, a support call. It runs on one channel, serves one or more journey
 * stages, and emits the interaction types listed in `emits` (an empty list
 * means "any type").
 */
export interface Touchpoint {
  readonly id: string;
  readonly name: string;
  /** Channel id (see {@link ChannelRegistry}). */
  readonly channel: string;
  /** Stage ids this touchpoint serves. */
  readonly stages: readonly string[];
  readonly ownership: TouchpointOwnership;
  /** Interaction types this touchpoint emits; empty = unrestricted. */
  readonly emits: readonly string[];
}

/**
 * Owned (the brand's own site, app, emails), paid (ads, sponsored posts) or
 * earned (reviews, word of mouth, press) media, after the POEM framework
 * (Forrester, 2009; Corcoran, "Defining earned, owned and paid media").
 */
export type TouchpointOwnership = "owned" | "paid" | "earned";
