import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { customerKeyOf } from "./customerKeyOf.js";
import type { FunnelDefinition } from "./FunnelDefinition.js";
import type { FunnelOptions } from "./FunnelOptions.js";
import type { FunnelResult } from "./FunnelResult.js";
import type { Interaction } from "./Interaction.js";
import { matchesFilter } from "./matchesFilter.js";
import { buildFunnelResult } from "./_internal/buildFunnelResult.js";
import { checkFunnelDefinition } from "./_internal/checkFunnelDefinition.js";
import { funnelKernel } from "./_internal/funnelKernel.js";
import { groupInteractions } from "./_internal/groupInteractions.js";

/**
 * Funnel conversion of customers through ordered steps within a conversion
 * window (see {@link FunnelDefinition} for the modes and exclusions).
 *
 * Per step: the customers who reached it (count_k, non-increasing in k),
 * conversion from the previous step count_k / count_{k−1} and from the start
 * count_k / count_1, each with a Wilson interval, the drop-off
 * count_{k−1} − count_k, and the median / p90 time from the step-1 event.
 * Events of one customer are taken in time order, ties in input order.
 *
 * Source: the funnel definitions of Mixpanel ("Funnels: conversion window,
 * any order vs. specific order, exclusion steps", docs.mixpanel.com) and the
 * `windowFunnel` aggregate of ClickHouse (clickhouse.com/docs, parametric
 * aggregate functions); intervals: Wilson (1927).
 *
 * Range: counts are integers, rates in [0, 1]; rates whose denominator is 0
 * are `null`, never 0.
 * Complexity: O(n log n + n·K) for ordered/strict, O(n log n + n·K²) worst case
 * for unordered (n interactions, K steps).
 *
 * @param interactions - the event log (any order)
 * @param definition - steps, window, mode, exclusions
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for an empty log or no steps; `METRIC.OUT_OF_RANGE`
 *   for windowMs ≤ 0, more than 31 steps or a bad exclusion range; `JOURNEY.DUPLICATE_ID` for
 *   repeated step ids; `METRIC.INVALID_OPTION` for an unknown mode or confidence outside (0, 1)
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * const r = computeFunnel(events, {
 *   steps: [{ id: "view", match: { type: "product_view" } }, { id: "buy", match: { type: "purchase" } }],
 *   windowMs: 60_000,
 * });
 * r.steps.map((s) => s.count) // => [3, 1]
 * r.steps[1].conversionFromPrevious // => 0.3333333333333333
 */
export function computeFunnel(interactions: readonly Interaction[], definition: FunnelDefinition, options: FunnelOptions = {}): FunnelResult {
  const { mode, exclFrom, exclTo } = checkFunnelDefinition("computeFunnel", definition, options);
  const n = interactions.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "computeFunnel requires at least one interaction", ["interactions"], n);
  const { keys, order, starts, ts } = groupInteractions(interactions, options.customerKey ?? customerKeyOf);
  const mask = new Uint32Array(n);
  const excl = new Uint32Array(n);
  const steps = definition.steps;
  const exclusions = definition.exclusions ?? [];
  for (let r = 0; r < n; r++) {
    const it = interactions[order[r] as number] as Interaction;
    let m = 0;
    for (let k = 0; k < steps.length; k++) if (matchesFilter((steps[k] as (typeof steps)[number]).match, it)) m |= 1 << k;
    mask[r] = m >>> 0;
    let x = 0;
    for (let j = 0; j < exclusions.length; j++) if (matchesFilter((exclusions[j] as (typeof exclusions)[number]).match, it)) x |= 1 << j;
    excl[r] = x >>> 0;
  }
  const out = funnelKernel({ starts, ts, mask, excl, steps: steps.length, windowMs: definition.windowMs, mode, exclFrom, exclTo });
  const bd = options.breakdown;
  let groupOf: ((c: number) => string) | null = null;
  if (bd !== undefined) {
    if (bd.by === "segment") groupOf = (c) => bd.segmentOf(keys[c] as string) ?? "(none)";
    else {
      groupOf = (c) => {
        const s = starts[c] as number;
        const row = bd.attribution === "first" ? s : Math.max(s, (out.levelRow[c] as number) - 1);
        const it = interactions[order[row] as number] as Interaction;
        return bd.by === "channel" ? it.channel : it.touchpoint;
      };
    }
  }
  return buildFunnelResult(definition, mode, out, options.confidence ?? 0.95, groupOf);
}
