import { consentPurposes } from "./ConsentRecord.js";
import type { ConsentState } from "./ConsentState.js";
import { isAllowed } from "./isAllowed.js";
import type { ConsentPurpose } from "./ConsentRecord.js";

/**
 * The `Profile.consent` map that segment conditions read (`consent` kind:
 * `profile.consent["marketing"]`, `profile.consent["marketing:email"]`),
 * computed with {@link isAllowed} so segments see the same decisions as the
 * rest of the core: for every purpose the purpose-wide answer, and for every
 * channel that appears in the state (or in `channels`) the per-channel answer.
 * `service` is included with its service rule (true unless refused).
 *
 * @param channels - channel ids to answer for even when the state has no entry for them
 * @param now - epoch ms (default +∞)
 * @category Consent
 * @example
 * consentFlags({ customerId: "c1", entries: { "marketing:email": { status: "granted", at: 1, source: "form" } } })["marketing:email"] // => true
 */
export function consentFlags(state: ConsentState | undefined, channels: readonly string[] = [], now = Infinity): Record<string, boolean> {
  const seen = new Set(channels);
  for (const key of Object.keys(state?.entries ?? {})) {
    const colon = key.indexOf(":");
    if (colon > 0) seen.add(key.slice(colon + 1));
  }
  const out: Record<string, boolean> = {};
  for (const purpose of consentPurposes as readonly ConsentPurpose[]) {
    out[purpose] = isAllowed(state, purpose, undefined, now).allowed;
    for (const channel of seen) out[`${purpose}:${channel}`] = isAllowed(state, purpose, channel, now).allowed;
  }
  return out;
}
