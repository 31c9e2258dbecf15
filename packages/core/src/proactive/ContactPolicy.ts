import type { ConsentState } from "../consent/ConsentState.js";

/**
 * At most `max` contacts in any rolling window of `windowDays` days, across
 * channels (`channel` absent) or on one channel. Only marketing contacts count
 * and are capped (marketing messages and offers); service messages neither
 * count nor are capped.
 *
 * @example
 * const caps: FrequencyCap[] = [{ max: 3, windowDays: 7 }, { max: 1, windowDays: 7, channel: "sms" }];
 */
export interface FrequencyCap {
  /** Positive integer. */
  readonly max: number;
  /** Positive, in days of 24 h. */
  readonly windowDays: number;
  readonly channel?: string;
}

/**
 * Local times when no customer is contacted: [start, end) in minutes after
 * local midnight of the customer's time zone (0–1439), wrapping midnight when
 * start > end (`{ start: 1260, end: 480 }` is 21:00–08:00). Applies to every
 * message and offer (service included), on `channels` (default: all).
 */
export interface QuietHours {
  readonly start: number;
  readonly end: number;
  readonly channels?: readonly string[];
}

/**
 * A workspace's contact policy, applied by {@link applyContactPolicy} after
 * trigger evaluation: frequency caps, quiet hours in the customer's time
 * zone, a cool-down without marketing after a complaint, and consent.
 *
 * Build from untrusted input with {@link validateContactPolicy}.
 *
 * @example
 * const policy: ContactPolicy = {
 *   caps: [{ max: 3, windowDays: 7 }, { max: 1, windowDays: 7, channel: "sms" }],
 *   quietHours: { start: 21 * 60, end: 8 * 60 },
 *   timeZone: "Europe/London",
 *   complaintCooldownDays: 14,
 * };
 */
export interface ContactPolicy {
  readonly caps?: readonly FrequencyCap[];
  readonly quietHours?: QuietHours;
  /** IANA time zone for customers without one. */
  readonly timeZone: string;
  /** Days without marketing after the customer's last complaint (positive); absent: no cool-down. */
  readonly complaintCooldownDays?: number;
  /** What to do with marketing that finds a cap full: drop it (default) or defer it to the first free slot. */
  readonly capOverflow?: "drop" | "defer";
  /** With `capOverflow: "defer"`: the longest deferral, in days (positive; default 7); beyond it the action is dropped. */
  readonly maxDeferDays?: number;
}

/** A contact already made, for frequency caps. */
export interface SentContact {
  /** Epoch ms. */
  readonly at: number;
  readonly channel: string;
  readonly purpose: "marketing" | "service";
}

/** What the policy needs to know about one customer. */
export interface CustomerContactState {
  /** Contacts already made (any order; only those inside the longest cap window matter). */
  readonly sent?: readonly SentContact[];
  readonly consent?: ConsentState;
  /** IANA time zone (default: the policy's). */
  readonly timeZone?: string;
  /** Epoch ms of the customer's latest complaint. */
  readonly lastComplaintAt?: number;
}
