import { GraphQLError } from "graphql";
import { ErrorCodes, InputError } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { ApiKeySchema, type ApiKeyEntity } from "../../entities/ApiKey.js";
import { generateApiKey, hashApiKey } from "../../auth/apiKeySecret.js";
import type { Role } from "../../auth/Role.js";

/** What the key operations need from the server: its secret, and a way to drop verified keys it remembers. */
export interface ApiKeyManagement {
  readonly secret: string;
  forget(): void;
}

/** An issued key: the stored row and the whole key, shown once. */
export interface IssuedKey {
  readonly row: ApiKeyEntity;
  readonly key: string;
}

// The message does not quote the id: resolvers see row ids, clients know keys by their opaque ids only.
function notFound(): never {
  throw new GraphQLError("no API key with that id in this workspace", { extensions: { code: "NOT_FOUND", field: "id" } });
}

function rowId(id: string): number {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : notFound();
}

/** The workspace's keys, oldest first, revoked ones included (who had access, and until when). */
export async function listApiKeys(scope: WorkspaceScope): Promise<ApiKeyEntity[]> {
  return scope.em.find(ApiKeySchema, {}, { orderBy: { id: "asc" } });
}

/**
 * Creates a key of `role` named `name` (1–191 characters, BAD_USER_INPUT at
 * `name` otherwise) in the scope's workspace; returns the whole key once.
 */
export async function createApiKey(scope: WorkspaceScope, keys: ApiKeyManagement, name: string, role: Role): Promise<IssuedKey> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 191) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `createApiKey requires a name of 1–191 characters, got ${trimmed.length}`, ["name"], name);
  }
  const issued = generateApiKey();
  const row = scope.em.create(ApiKeySchema, {
    workspace: scope.workspaceId,
    name: trimmed,
    role,
    prefix: issued.prefix,
    hash: hashApiKey(issued.key, keys.secret),
    rotatedAt: null,
    revokedAt: null,
  });
  await scope.em.flush();
  return { row, key: issued.key };
}

/** Gives an active key a new secret (the old one stops working now): NOT_FOUND for an unknown id, CONFLICT for a revoked key. */
export async function rotateApiKey(scope: WorkspaceScope, keys: ApiKeyManagement, id: string): Promise<IssuedKey> {
  const row = (await scope.em.findOne(ApiKeySchema, { id: rowId(id) })) ?? notFound();
  if (row.revokedAt !== null && row.revokedAt !== undefined) {
    throw new GraphQLError(`API key ${row.prefix} is revoked; create a new key instead`, { extensions: { code: "CONFLICT", field: "id" } });
  }
  const issued = generateApiKey();
  row.prefix = issued.prefix;
  row.hash = hashApiKey(issued.key, keys.secret);
  row.rotatedAt = new Date();
  await scope.em.flush();
  keys.forget();
  return { row, key: issued.key };
}

/**
 * Revokes a key (idempotent: a revoked key stays revoked, its time kept).
 * NOT_FOUND for an unknown id; CONFLICT when it is the workspace's last
 * active admin key (nobody could manage keys afterwards; create another first).
 */
export async function revokeApiKey(scope: WorkspaceScope, keys: ApiKeyManagement, id: string): Promise<ApiKeyEntity> {
  return scope.em.transactional(async (em) => {
    const row = (await em.findOne(ApiKeySchema, { id: rowId(id) })) ?? notFound();
    if (row.revokedAt !== null && row.revokedAt !== undefined) return row;
    if (row.role === "admin") {
      const admins = await em.count(ApiKeySchema, { role: "admin", revokedAt: null });
      if (admins <= 1) {
        throw new GraphQLError(`API key ${row.prefix} is the workspace's last active admin key; create another admin key before revoking it`, { extensions: { code: "CONFLICT", field: "id" } });
      }
    }
    row.revokedAt = new Date();
    await em.flush();
    keys.forget();
    return row;
  });
}
