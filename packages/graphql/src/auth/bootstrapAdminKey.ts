import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { WorkspaceScope } from "../data/WorkspaceScope.js";
import { ApiKeySchema } from "../entities/ApiKey.js";
import { WorkspaceSchema } from "../entities/Workspace.js";
import { createApiKey, type IssuedKey } from "../modules/apiKey/apiKeyService.js";
import type { Role } from "./Role.js";

/**
 * Creates an API key in the workspace `slug` (for the server's first start
 * and for the `engagekit keys create` command). With `onlyIfNone`, creates
 * it only when the workspace has no active admin key, and returns null
 * otherwise: the bootstrap key is printed once, on the start that made it.
 * Throws when the workspace does not exist.
 */
export async function issueApiKey(
  orm: MikroORM,
  slug: string,
  options: { readonly secret: string; readonly role?: Role; readonly name?: string; readonly onlyIfNone?: boolean },
): Promise<IssuedKey | null> {
  const em = orm.em.fork() as EntityManager;
  const ws = await em.findOne(WorkspaceSchema, { slug });
  if (!ws) throw new Error(`no workspace ${JSON.stringify(slug)}`);
  const scope = new WorkspaceScope(em, ws.id);
  const role = options.role ?? "admin";
  if (options.onlyIfNone && (await scope.em.count(ApiKeySchema, { role: "admin", revokedAt: null })) > 0) return null;
  return createApiKey(scope, { secret: options.secret, forget: () => {} }, options.name ?? (options.onlyIfNone ? "bootstrap admin key" : `${role} key`), role);
}
