import type { JourneyStage } from "./JourneyStage.js";

/**
 * The five classic journey stages, in order: awareness → consideration →
 * conversion → retention → advocacy (as in the customer-journey and
 * engagement-ladder literature, e.g. Lemon & Verhoef 2016, "Understanding
 * Customer Experience Throughout the Customer Journey", Journal of
 * Marketing 80(6)). Replace or extend them in a {@link JourneyMap}.
 *
 * @category Journey
 * @example
 * defaultJourneyStages.map((s) => s.id) // => ["awareness", "consideration", "conversion", "retention", "advocacy"]
 */
export const defaultJourneyStages: readonly JourneyStage[] = Object.freeze([
  { id: "awareness", name: "Awareness", next: ["consideration"] },
  { id: "consideration", name: "Consideration", next: ["conversion"] },
  { id: "conversion", name: "Conversion", next: ["retention"] },
  { id: "retention", name: "Retention", next: ["advocacy"] },
  { id: "advocacy", name: "Advocacy", next: [] },
]);
