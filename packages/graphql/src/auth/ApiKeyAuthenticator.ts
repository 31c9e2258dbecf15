import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { apiKeyMatches, apiKeyPrefix } from "./apiKeySecret.js";
import type { Principal } from "./Principal.js";
import { isRole } from "./Role.js";

/** The workspace and principal of a verified key. */
export interface VerifiedKey {
  readonly principal: Principal;
  readonly workspace: { readonly id: number; readonly slug: string; readonly name: string };
}

/** The server secret used when none is configured: fine for development, documented as a must-change for production. */
export const DEVELOPMENT_SECRET = "engagekit-development-secret";

interface KeyRow {
  id: number;
  workspace_id: number;
  role: string;
  hash: string;
  revoked_at: unknown;
  slug: string;
  name: string;
}

/**
 * Verifies `Authorization: Bearer ek_…` keys against `api_keys`: a malformed
 * key is refused without a query; a well-formed one is looked up by its
 * clear prefix (unique) and its HMAC compared in constant time. Verified keys
 * are remembered for `cacheTtlMs` (default 5 s), so a busy key costs one
 * lookup per TTL; {@link forget} drops them at once (this process's
 * rotations and revocations call it; another process sees them within the TTL).
 */
export class ApiKeyAuthenticator {
  readonly #cache = new Map<string, { verified: VerifiedKey; until: number }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly secret: string,
    private readonly cacheTtlMs = 5000,
  ) {}

  /** The verified key, or null when the key is malformed, unknown, revoked or does not match. */
  async verify(key: string): Promise<VerifiedKey | null> {
    const now = Date.now();
    const hit = this.#cache.get(key);
    if (hit && hit.until > now) return hit.verified;
    const prefix = apiKeyPrefix(key);
    if (prefix === null) return null;
    const em = this.orm.em.fork() as EntityManager;
    const rows = (await em
      .getConnection()
      .execute(
        "select k.id, k.workspace_id, k.role, k.hash, k.revoked_at, w.slug, w.name from api_keys k join workspaces w on w.id = k.workspace_id where k.prefix = ?",
        [prefix],
      )) as KeyRow[];
    const row = rows[0];
    if (!row || row.revoked_at !== null || !isRole(row.role) || !apiKeyMatches(key, row.hash, this.secret)) return null;
    const verified: VerifiedKey = {
      principal: { role: row.role, keyId: Number(row.id), keyPrefix: prefix },
      workspace: { id: Number(row.workspace_id), slug: row.slug, name: row.name },
    };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(key, { verified, until: now + this.cacheTtlMs });
    return verified;
  }

  /** Forgets every remembered key (after a rotation or revocation). */
  forget(): void {
    this.#cache.clear();
  }
}

/** The bearer token of an `Authorization` header, or null when there is none; undefined when the header is not a bearer token. */
export function bearerToken(header: string | string[] | undefined): string | null | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? (m[1] as string) : undefined;
}
