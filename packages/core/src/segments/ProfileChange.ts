/**
 * What changed on a profile, for incremental membership. Each change maps to a
 * dependency key that segment conditions declare.
 */
export type ProfileChange =
  /** A new interaction of this type (count, first/last or timestamps changed). */
  | { readonly kind: "interaction"; readonly interaction: string }
  /** A trait was set, changed or removed. */
  | { readonly kind: "trait"; readonly field: string }
  /** A value changed: "clv", "pAlive", "lastNps", "engagementScore", "rfm" (scores or segment) or "metrics.<name>". */
  | { readonly kind: "value"; readonly metric: string }
  /** The engagement-ladder tier changed. */
  | { readonly kind: "tier" }
  /** Consent for a purpose (any channel) changed. */
  | { readonly kind: "consent"; readonly purpose: string }
  /** A change read by a custom condition kind, under the key it declares. */
  | { readonly kind: "custom"; readonly key: string };

/**
 * The dependency key of a change.
 *
 * @category Segments
 * @example
 * profileChangeKey({ kind: "interaction", interaction: "purchase" }) // => "interaction:purchase"
 */
export function profileChangeKey(change: ProfileChange): string {
  switch (change.kind) {
    case "interaction":
      return `interaction:${change.interaction}`;
    case "trait":
      return `trait:${change.field}`;
    case "value":
      return change.metric.startsWith("rfm") ? "value:rfm" : `value:${change.metric}`;
    case "tier":
      return "tier";
    case "consent":
      return `consent:${change.purpose}`;
    case "custom":
      return change.key;
  }
}
