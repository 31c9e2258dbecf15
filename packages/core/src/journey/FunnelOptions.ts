import type { Interaction } from "./Interaction.js";

/** Options of {@link computeFunnel} and {@link computeFunnelColumnar}. */
export interface FunnelOptions {
  /** Coverage of the Wilson intervals, default 0.95. */
  readonly confidence?: number;
  readonly breakdown?: FunnelBreakdown;
  /** Customer grouping key (object path only), default {@link customerKeyOf}. */
  readonly customerKey?: (interaction: Interaction) => string;
}

/**
 * Split a funnel by the channel or touchpoint that gets the credit
 * (`first` touch = the customer's earliest interaction in the log; `last`
 * touch = the interaction just before the event that reached the customer's
 * furthest step, or that event itself when it is the first), or by a
 * segment looked up per customer key (`undefined` → `"(none)"`).
 */
export type FunnelBreakdown =
  | { readonly by: "channel" | "touchpoint"; readonly attribution: "first" | "last" }
  | { readonly by: "segment"; readonly segmentOf: (customerKey: string) => string | undefined };
