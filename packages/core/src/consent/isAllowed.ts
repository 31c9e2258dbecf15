import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { consentPurposes, type ConsentPurpose } from "./ConsentRecord.js";
import { consentKey, type ConsentEntry, type ConsentState } from "./ConsentState.js";
import { compareEntries } from "./_internal/foldConsent.js";

/**
 * Why {@link isAllowed} decided as it did:
 * - `granted`: the deciding entry is a grant (not lapsed);
 * - `not-granted`: no entry for the purpose (absent consent is not consent, GDPR Art. 4(11));
 * - `denied` / `withdrawn`: the deciding entry refuses;
 * - `expired`: the deciding entry is a grant whose `expiresAt` ≤ now;
 * - `service-rule`: a service purpose with no refusal (allowed, see isAllowed);
 * - `service-refused`: a service purpose the customer explicitly refused on that channel (or purpose-wide).
 */
export type ConsentRule = "granted" | "not-granted" | "denied" | "withdrawn" | "expired" | "service-rule" | "service-refused";

/** The answer of {@link isAllowed}, explainable: the rule, a sentence, and the entry that decided. */
export interface ConsentDecision {
  readonly allowed: boolean;
  readonly rule: ConsentRule;
  readonly reason: string;
  /** The key of the deciding entry (`"marketing:email"` or `"marketing"`), absent when no entry applied. */
  readonly key?: string;
  readonly entry?: ConsentEntry;
}

const purposes: ReadonlySet<string> = new Set(consentPurposes);

/**
 * May we use a customer's data or contact them for `purpose` (on `channel`)?
 * The one consent check of the core: triggers and contact policies
 * (proactive/), personalization and exports call it.
 *
 * Precedence (decided precisely):
 * 1. With a channel, the candidates are the channel entry `purpose:channel` and
 *    the purpose-wide entry `purpose`; the one that supersedes the other decides
 *    — the newer `at`, at equal times the more restrictive status (as in
 *    {@link applyConsent}). So a later "unsubscribe from all marketing" beats an
 *    earlier email opt-in, and a later email opt-in beats an earlier
 *    purpose-wide refusal (for email only). Without a channel only the
 *    purpose-wide entry is read.
 * 2. Entries dated after `now` are ignored (not yet given); a grant with
 *    `expiresAt ≤ now` has lapsed (rule `expired`, not allowed).
 * 3. Marketing, personalization and analytics need a grant: absent consent is
 *    not granted (opt-in, GDPR Art. 6(1)(a), ePrivacy Art. 13).
 * 4. The service rule: `service` messages (a ticket reply, a receipt, a
 *    renewal notice for a contract in force) are allowed without any consent —
 *    marketing consent is irrelevant to them (GDPR Art. 6(1)(b), performance of
 *    a contract) — unless the customer explicitly refused service contact:
 *    the deciding service entry (same precedence) is `denied` or `withdrawn`.
 *
 * @param now - epoch ms of the decision (default: +∞, every entry counts and none lapses)
 * @throws {InputError} `JOURNEY.INVALID_FIELD` for an unknown purpose or an empty channel
 * @category Consent
 * @example
 * const s = { customerId: "c1", entries: { "marketing:email": { status: "granted", at: 1, source: "form" }, "marketing": { status: "withdrawn", at: 2, source: "unsubscribe" } } } as const;
 * isAllowed(s, "marketing", "email").rule // => "withdrawn"
 * isAllowed(s, "service", "email").allowed // => true (service rule)
 * isAllowed(undefined, "analytics").rule // => "not-granted"
 */
export function isAllowed(state: ConsentState | undefined, purpose: ConsentPurpose, channel?: string, now = Infinity): ConsentDecision {
  const fn = "isAllowed";
  if (!purposes.has(purpose)) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a purpose among ${consentPurposes.join(", ")}, got ${JSON.stringify(purpose)}`, ["purpose"], purpose);
  }
  if (channel !== undefined && (typeof channel !== "string" || channel === "")) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a non-empty channel id when one is given`, ["channel"], channel);
  }
  const wideKey = consentKey(purpose);
  const channelKey = channel === undefined ? undefined : consentKey(purpose, channel);
  const usable = (e: ConsentEntry | undefined): ConsentEntry | undefined => (e !== undefined && e.at <= now ? e : undefined);
  const wide = usable(state?.entries[wideKey]);
  const narrow = channelKey === undefined ? undefined : usable(state?.entries[channelKey]);
  let key: string | undefined;
  let entry: ConsentEntry | undefined;
  if (narrow !== undefined && (wide === undefined || compareEntries(narrow, wide) >= 0)) [key, entry] = [channelKey, narrow];
  else if (wide !== undefined) [key, entry] = [wideKey, wide];
  const on = channel === undefined ? "" : ` on ${channel}`;
  const decided = key !== undefined && entry !== undefined ? { key, entry } : {};

  if (purpose === "service") {
    if (entry !== undefined && entry.status !== "granted") {
      return { allowed: false, rule: "service-refused", reason: `service contact${on} was ${entry.status} at ${entry.at} (${entry.source})`, ...decided };
    }
    return { allowed: true, rule: "service-rule", reason: `service messages${on} need no consent and were not refused`, ...decided };
  }
  if (entry === undefined) return { allowed: false, rule: "not-granted", reason: `no ${purpose} consent${on} was given` };
  if (entry.status === "denied" || entry.status === "withdrawn") {
    return { allowed: false, rule: entry.status, reason: `${purpose} consent${on} was ${entry.status} at ${entry.at} (${entry.source})`, ...decided };
  }
  if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
    return { allowed: false, rule: "expired", reason: `${purpose} consent${on} granted at ${entry.at} lapsed at ${entry.expiresAt}`, ...decided };
  }
  return { allowed: true, rule: "granted", reason: `${purpose} consent${on} granted at ${entry.at} (${entry.source})`, ...decided };
}
