import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertFinite, describe } from "../../_internal/assert.js";
import { DAY_MS } from "../../segments/_internal/time.js";
import type { Affinity, AffinityShare } from "../Affinity.js";
import { defaultAffinityWeights, type AffinityEvent, type AffinityOptions } from "../AffinityEvent.js";

/** Time-decayed, normalised weights of events grouped by `keyOf` (see categoryAffinity for the formula). */
export function decayedShares(fn: string, events: readonly AffinityEvent[], now: number, options: AffinityOptions, keyOf: (e: AffinityEvent) => string | undefined): Affinity {
  assertFinite(fn, now, ["now"]);
  const halfLifeDays = options.halfLifeDays ?? 90;
  if (!(typeof halfLifeDays === "number" && Number.isFinite(halfLifeDays) && halfLifeDays > 0)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a positive finite half-life in days, got ${describe(halfLifeDays)}`, ["options", "halfLifeDays"], halfLifeDays);
  }
  const weights = options.weights ?? defaultAffinityWeights;
  const fallback = options.defaultWeight ?? 0;
  for (const [type, w] of [...Object.entries(weights), ["defaultWeight", fallback] as const]) {
    if (!(typeof w === "number" && Number.isFinite(w) && w >= 0)) {
      throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a non-negative finite weight for ${type}, got ${describe(w)}`, ["options", type === "defaultWeight" ? "defaultWeight" : "weights", ...(type === "defaultWeight" ? [] : [type])], w);
    }
  }
  const h = halfLifeDays * DAY_MS;
  const acc = new Map<string, { weight: number; events: number }>();
  let total = 0;
  let n = 0;
  events.forEach((e, i) => {
    assertFinite(fn, e.at, ["events", i, "at"]);
    const q = e.quantity ?? 1;
    assertFinite(fn, q, ["events", i, "quantity"]);
    if (q <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive quantity, got ${q}`, ["events", i, "quantity"], q);
    if (e.at > now) return;
    const key = keyOf(e);
    if (key === undefined) return;
    const w = (Object.hasOwn(weights, e.type) ? (weights[e.type] as number) : fallback) * q * Math.pow(2, -(now - e.at) / h);
    if (!(w > 0)) return;
    const a = acc.get(key) ?? { weight: 0, events: 0 };
    a.weight += w;
    a.events += 1;
    acc.set(key, a);
    total += w;
    n += 1;
  });
  const shares: AffinityShare[] = [...acc].map(([key, a]) => ({ key, share: a.weight / total, weight: a.weight, events: a.events }));
  shares.sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { shares, total, n, asOf: now, halfLifeDays };
}
