import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/**
 * A deterministic pseudo-random number in [0, 1) for a (trigger, customer)
 * pair: the 32-bit FNV-1a hash of the UTF-16 code units of
 * `${triggerId}:${customerId}`, passed through MurmurHash3's `fmix32`
 * finalizer (so ids that differ in one character spread over the whole
 * range), divided by 2³².
 *
 * The same pair always gets the same number, on any machine and in any event
 * order; different triggers hold out (nearly) independent sets of customers.
 *
 * Sources: G. Fowler, L. C. Noll, K.-P. Vo, "FNV hash" (IETF draft
 * draft-eastlake-fnv); A. Appleby, MurmurHash3 (fmix32).
 *
 * @category Proactive
 * @example
 * holdoutHash("renewal", "c1") === holdoutHash("renewal", "c1") // => true
 */
export function holdoutHash(triggerId: string, customerId: string): number {
  const s = `${triggerId}:${customerId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/**
 * Is the customer in the trigger's holdout (the control group that gets no
 * action)? `holdoutHash(triggerId, customerId) < share`, so the expected share
 * held out is `share`, membership never changes while the share stays the
 * same, and raising the share only adds customers (monotone).
 *
 * @param share - in [0, 1]; 0 holds no one out, 1 everyone
 * @throws {InputError} `METRIC.OUT_OF_RANGE` for a share outside [0, 1] (or not a number)
 * @category Proactive
 * @example
 * isHeldOut("renewal", "c1", 0) // => false
 * isHeldOut("renewal", "c1", 1) // => true
 */
export function isHeldOut(triggerId: string, customerId: string, share: number): boolean {
  if (!(typeof share === "number" && share >= 0 && share <= 1)) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `isHeldOut requires a share in [0, 1], got ${String(share)}`, ["share"], share);
  }
  return share > 0 && holdoutHash(triggerId, customerId) < share;
}
