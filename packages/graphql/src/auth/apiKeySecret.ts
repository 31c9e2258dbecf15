import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * An API key is `ek_<prefix>_<secret>`: `prefix` (10 base62 characters, 59
 * bits) is stored in clear and shown in listings, so an admin can tell keys
 * apart; `secret` (32 base62 characters, 190 bits) is shown once. Only
 * HMAC-SHA-256(server secret, whole key) is stored. A key this random cannot
 * be guessed offline, so the hash does not need to be slow; the server secret
 * (`ENGAGEKIT_SECRET`) means a copy of the database alone cannot even test a
 * guess.
 */
export interface GeneratedApiKey {
  /** The whole key, to give to the caller once. */
  readonly key: string;
  /** `ek_<prefix>`: stored, listed, and the lookup column. */
  readonly prefix: string;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = /^(ek_[0-9A-Za-z]{10})_[0-9A-Za-z]{32}$/;

function base62(length: number): string {
  // Rejection sampling: 248 = 4 × 62 keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new random API key. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = `ek_${base62(10)}`;
  return { key: `${prefix}_${base62(32)}`, prefix };
}

/** The `ek_<prefix>` of a well-formed key, or null (malformed keys are refused without a lookup). */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** HMAC-SHA-256 of the key under the server secret, hex. */
export function hashApiKey(key: string, serverSecret: string): string {
  return createHmac("sha256", serverSecret).update(key).digest("hex");
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string, serverSecret: string): boolean {
  const a = Buffer.from(hashApiKey(key, serverSecret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
