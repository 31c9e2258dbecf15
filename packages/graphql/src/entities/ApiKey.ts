import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * An API key of a workspace: its role, the clear `prefix` (`ek_` and 10
 * characters, unique: the lookup column, shown in listings) and the
 * HMAC-SHA-256 of the whole key under the server secret (see
 * auth/apiKeySecret.ts) — never the key itself. A revoked key keeps its row
 * (who had access, when it ended); rotation gives the row a new prefix and hash.
 */
export const ApiKeySchema = defineEntity({
  name: "ApiKey",
  tableName: "api_keys",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    name: p.string().length(191),
    role: p.string().length(16),
    prefix: p.string().length(32).unique(),
    hash: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
    rotatedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ["workspace", "revokedAt"] }],
});

export type ApiKeyEntity = InferEntity<typeof ApiKeySchema>;
