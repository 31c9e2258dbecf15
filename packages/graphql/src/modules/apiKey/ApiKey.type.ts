import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

/** The roles of an API key, as a GraphQL enum (values are the role names; see auth/Role.ts). */
export enum ApiKeyRole {
  admin = "admin",
  writer = "writer",
  reader = "reader",
  analytics = "analytics",
}
registerEnumType(ApiKeyRole, {
  name: "ApiKeyRole",
  description: "admin: everything; writer: ingestion, consent, points and reads; reader: reads; analytics: reads without personal fields.",
});

@ObjectType("ApiKey", { simpleResolvers: true, description: "An API key of the workspace. The key itself is shown only once, when created or rotated." })
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "What the key is for (\"shop backend\", \"BI export\")." })
  name!: string;

  @Field(() => ApiKeyRole)
  role!: ApiKeyRole;

  @Field(() => String, { description: "The key's clear start (`ek_` and 10 characters), to tell keys apart." })
  prefix!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the key was last rotated (the old key stopped working then)." })
  rotatedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the key was revoked; null while it is active." })
  revokedAt!: Date | null;
}

@ObjectType("IssuedApiKey", { simpleResolvers: true, description: "A new or rotated key: `key` is shown this once and never stored in clear." })
export class IssuedApiKeyType {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

  @Field(() => String, { description: "The whole key: send it as `Authorization: Bearer <key>`." })
  key!: string;
}
