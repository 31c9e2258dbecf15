/**
 * The purposes a customer can consent to, after the GDPR's purpose limitation
 * (Art. 5(1)(b), Art. 6(1)(a)) and the ePrivacy rules for direct marketing:
 * - `marketing`: promotional messages and offers (opt-in per channel);
 * - `personalization`: using the customer's history to tailor content and offers;
 * - `analytics`: including the customer's data in analysis and exports;
 * - `service`: messages the customer needs about something they asked for or bought
 *   (a ticket reply, a receipt, a renewal notice) — allowed without consent unless
 *   explicitly refused, see {@link isAllowed}.
 *
 * @category Consent
 * @example
 * consentPurposes.includes("marketing") // => true
 */
export const consentPurposes = Object.freeze(["marketing", "personalization", "analytics", "service"] as const);

/** One of the {@link consentPurposes}. */
export type ConsentPurpose = (typeof consentPurposes)[number];

/**
 * The statuses a consent record can carry: `granted` (an opt-in), `denied`
 * (asked and refused, or an explicit opt-out without a previous grant) and
 * `withdrawn` (a grant taken back, GDPR Art. 7(3)). Only `granted` allows
 * contact; `denied` and `withdrawn` differ only in what they tell an auditor.
 *
 * @category Consent
 * @example
 * consentStatuses // => ["granted", "denied", "withdrawn"]
 */
export const consentStatuses = Object.freeze(["granted", "denied", "withdrawn"] as const);

/** One of the {@link consentStatuses}. */
export type ConsentStatus = (typeof consentStatuses)[number];

/**
 * One consent event: a customer granted, denied or withdrew consent for a
 * purpose, on every channel (`channel` absent: purpose-wide) or on one
 * channel (a {@link ChannelRegistry} id such as `"email"` or `"sms"`), at a
 * time, from a source (the form, the preference centre, an agent, an import)
 * so the history is auditable (GDPR Art. 7(1): the controller must be able
 * to show consent was given).
 *
 * Records are events: they are never edited, a new record supersedes an older
 * one (see {@link applyConsent} for the precedence).
 *
 * @category Consent
 * @example
 * const optIn: ConsentRecord = { customerId: "c1", purpose: "marketing", channel: "email", status: "granted", at: Date.parse("2026-01-05T10:00:00Z"), source: "signup_form" };
 */
export interface ConsentRecord {
  readonly customerId: string;
  readonly purpose: ConsentPurpose;
  /** A channel id; absent for a purpose-wide record (every channel). */
  readonly channel?: string;
  readonly status: ConsentStatus;
  /** Epoch ms when the customer gave or refused it. */
  readonly at: number;
  /** Where it was recorded: `"signup_form"`, `"preference_center"`, `"agent:42"`, `"import:2026-01"`… (non-empty). */
  readonly source: string;
  /** Epoch ms after which a grant lapses (consent renewal policies, e.g. 24 months); absent: no expiry. Ignored for denials. */
  readonly expiresAt?: number;
}
