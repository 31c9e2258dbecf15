import type { Role } from "./Role.js";

/** Who is calling: the role and, when the request carried one, the API key (its row id and clear prefix). */
export interface Principal {
  readonly role: Role;
  /** The key's row id; null for a development-mode request without a key. */
  readonly keyId: number | null;
  /** `ek_…` prefix of the key (safe to log); null without a key. */
  readonly keyPrefix: string | null;
}
