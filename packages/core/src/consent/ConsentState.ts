import type { ConsentPurpose, ConsentStatus } from "./ConsentRecord.js";

/** The latest record for one purpose (and channel): what {@link ConsentState} keeps per key. */
export interface ConsentEntry {
  readonly status: ConsentStatus;
  readonly at: number;
  readonly source: string;
  readonly expiresAt?: number;
}

/**
 * A customer's current consent: for each key the latest record, where the key
 * is the purpose (`"marketing"`, purpose-wide) or purpose and channel
 * (`"marketing:email"`) — the same keys as `Profile.consent` in segments.
 * Plain JSON, so it can be saved per customer and folded into incrementally
 * with {@link applyConsent}; build it from a history with {@link consentLedger}.
 *
 * @category Consent
 * @example
 * const state: ConsentState = { customerId: "c1", entries: { "marketing:email": { status: "granted", at: 0, source: "form" } } };
 */
export interface ConsentState {
  readonly customerId: string;
  readonly entries: Readonly<Record<string, ConsentEntry>>;
}

/**
 * The key of a purpose (and channel) in {@link ConsentState.entries}:
 * `purpose` or `purpose:channel`.
 *
 * @category Consent
 * @example
 * consentKey("marketing", "sms") // => "marketing:sms"
 * consentKey("analytics") // => "analytics"
 */
export function consentKey(purpose: ConsentPurpose, channel?: string): string {
  return channel === undefined ? purpose : `${purpose}:${channel}`;
}
