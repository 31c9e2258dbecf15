import type { Interaction } from "./Interaction.js";
import type { InteractionColumns } from "./InteractionColumns.js";
import { customerKeyOf } from "./customerKeyOf.js";

/**
 * Converts interactions to {@link InteractionColumns}: dictionary-encodes
 * customer (by `keyOf`, default {@link customerKeyOf}), type, touchpoint and
 * channel, and sorts rows by customer (first appearance) then timestamp,
 * keeping input order among equal timestamps.
 *
 * Complexity: O(n log n).
 *
 * @category Journey
 * @example
 * // events: a views (t 0, touchpoint "product"), carts (5, "cart"), buys (9, "checkout");
 * // b views (0) and carts (3); c views (0) — types product_view, add_to_cart, purchase
 * toInteractionColumns(events).dictionaries.customer // => ["userId:a", "userId:b", "userId:c"]
 */
export function toInteractionColumns(
  interactions: readonly Interaction[],
  keyOf: (interaction: Interaction) => string = customerKeyOf,
): InteractionColumns {
  const n = interactions.length;
  const cust = new Int32Array(n);
  const custDict = new Dict();
  for (let i = 0; i < n; i++) cust[i] = custDict.code(keyOf(interactions[i] as Interaction));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (cust[a] as number) - (cust[b] as number) || (interactions[a] as Interaction).timestamp - (interactions[b] as Interaction).timestamp || a - b);
  const types = new Dict();
  const tps = new Dict();
  const chs = new Dict();
  const out = {
    customer: new Int32Array(n),
    timestamp: new Float64Array(n),
    type: new Int32Array(n),
    touchpoint: new Int32Array(n),
    channel: new Int32Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    const it = interactions[i] as Interaction;
    out.customer[r] = cust[i] as number;
    out.timestamp[r] = it.timestamp;
    out.type[r] = types.code(it.type);
    out.touchpoint[r] = tps.code(it.touchpoint);
    out.channel[r] = chs.code(it.channel);
  }
  return {
    length: n,
    ...out,
    dictionaries: { customer: custDict.values, type: types.values, touchpoint: tps.values, channel: chs.values },
  };
}

class Dict {
  readonly values: string[] = [];
  readonly #codes = new Map<string, number>();
  code(s: string): number {
    let c = this.#codes.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.#codes.set(s, c);
    }
    return c;
  }
}
