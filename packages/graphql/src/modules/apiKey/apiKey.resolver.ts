import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/Context.js";
import type { ApiKeyEntity } from "../../entities/ApiKey.js";
import { ApiKeyRole, ApiKeyType, IssuedApiKeyType } from "./ApiKey.type.js";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey, type IssuedKey } from "./apiKeyService.js";

function toType(row: ApiKeyEntity): ApiKeyType {
  return Object.assign(new ApiKeyType(), {
    id: String(row.id),
    name: row.name,
    role: row.role as ApiKeyRole,
    prefix: row.prefix,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt ?? null,
    revokedAt: row.revokedAt ?? null,
  });
}

function toIssued(issued: IssuedKey): IssuedApiKeyType {
  return Object.assign(new IssuedApiKeyType(), { apiKey: toType(issued.row), key: issued.key });
}

/** API keys of the caller's workspace (admin role only; see auth/operationPolicy.ts). */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: "The workspace's API keys, oldest first, revoked ones included. Never the keys themselves: their prefixes." })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKeyType[]> {
    return (await listApiKeys(ctx.scope)).map(toType);
  }

  @Mutation(() => IssuedApiKeyType, { description: "Creates an API key; the answer's `key` is shown only this once." })
  async createApiKey(@Ctx() ctx: Context, @Arg("name", () => String) name: string, @Arg("role", () => ApiKeyRole) role: ApiKeyRole): Promise<IssuedApiKeyType> {
    return toIssued(await createApiKey(ctx.scope, ctx.apiKeys, name, role));
  }

  @Mutation(() => IssuedApiKeyType, { description: "Gives a key a new secret; the old one stops working at once. NOT_FOUND for an unknown id, CONFLICT for a revoked key." })
  async rotateApiKey(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<IssuedApiKeyType> {
    return toIssued(await rotateApiKey(ctx.scope, ctx.apiKeys, id));
  }

  @Mutation(() => ApiKeyType, { description: "Revokes a key (idempotent). CONFLICT for the workspace's last active admin key." })
  async revokeApiKey(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<ApiKeyType> {
    return toType(await revokeApiKey(ctx.scope, ctx.apiKeys, id));
  }
}
