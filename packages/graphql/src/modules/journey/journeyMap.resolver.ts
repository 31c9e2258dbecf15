import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { GraphQLError } from "graphql";
import { defaultChannels, validateJourneyMap, type JourneyMap } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { JourneyMapSchema } from "../../entities/JourneyMap.js";
import { toDate } from "../../data/sqlDate.js";
import { ChannelType, JourneyMapType, TouchpointType } from "./JourneyMap.type.js";

interface JourneyMapRow {
  id: number;
  key: string;
  name: string;
  document: string | Record<string, unknown>;
  updated_at: string | number | Date;
}

const parse = (d: JourneyMapRow["document"]) => (typeof d === "string" ? (JSON.parse(d) as Record<string, unknown>) : d);

function toType(row: JourneyMapRow): JourneyMapType {
  return Object.assign(new JourneyMapType(), { id: String(row.id), key: row.key, name: row.name, document: parse(row.document), updatedAt: toDate(row.updated_at) });
}

async function load(ctx: Context): Promise<JourneyMapRow[]> {
  return ctx.scope.select<JourneyMapRow>("select id, key, name, document, updated_at from journey_maps where workspace_id = ? order by key");
}

@Resolver()
export class JourneyMapResolver {
  @Query(() => [JourneyMapType], { description: "The workspace's journey maps, by key." })
  async journeyMaps(@Ctx() ctx: Context): Promise<JourneyMapType[]> {
    return (await load(ctx)).map(toType);
  }

  @Query(() => JourneyMapType, { nullable: true })
  async journeyMap(@Ctx() ctx: Context, @Arg("key", () => String) key: string): Promise<JourneyMapType | null> {
    const row = (await load(ctx)).find((r) => r.key === key);
    return row ? toType(row) : null;
  }

  @Query(() => [ChannelType], { description: "engagekit's default channels plus those the workspace's journey maps define." })
  async channels(@Ctx() ctx: Context): Promise<ChannelType[]> {
    const byId = new Map(defaultChannels.map((c) => [c.id, c]));
    for (const row of await load(ctx)) for (const c of (parse(row.document) as unknown as JourneyMap).channels ?? []) byId.set(c.id, c);
    return [...byId.values()].map((c) => Object.assign(new ChannelType(), { id: c.id, name: c.name, kind: c.kind }));
  }

  @Query(() => [TouchpointType], { description: "Touchpoints of all the workspace's journey maps." })
  async touchpoints(@Ctx() ctx: Context): Promise<TouchpointType[]> {
    return (await load(ctx)).flatMap((row) =>
      (parse(row.document) as unknown as JourneyMap).touchpoints.map((t) =>
        Object.assign(new TouchpointType(), { ...t, stages: [...t.stages], emits: [...t.emits], journeyMap: row.key }),
      ),
    );
  }

  @Mutation(() => JourneyMapType, {
    description: "Creates or replaces a journey map (keyed by the document's id). BAD_USER_INPUT lists every problem with its path.",
  })
  async saveJourneyMap(@Ctx() ctx: Context, @Arg("document", () => JSONObjectResolver) document: Record<string, unknown>): Promise<JourneyMapType> {
    const result = validateJourneyMap(document);
    if (!result.valid) {
      const first = result.errors[0];
      throw new GraphQLError(first?.message ?? "journey map is invalid", {
        extensions: {
          code: "BAD_USER_INPUT",
          field: ["document", ...(first?.path ?? [])].join("."),
          issues: result.errors.map((e) => ({ code: e.code, path: ["document", ...e.path].join("."), message: e.message })),
        },
      });
    }
    const map = result.map;
    await ctx.scope.em.transactional(async (tx) => {
      const existing = await tx.findOne(JourneyMapSchema, { workspace: ctx.workspace.id, key: map.id }, { filters: false });
      if (existing) {
        existing.name = map.name;
        existing.document = document;
      } else {
        tx.create(JourneyMapSchema, { workspace: ctx.workspace.id, key: map.id, name: map.name, document, updatedAt: new Date() });
      }
      await tx.flush();
    });
    return toType((await load(ctx)).find((r) => r.key === map.id) as JourneyMapRow);
  }

  @Mutation(() => Boolean, { description: "Deletes a journey map; NOT_FOUND when it does not exist." })
  async deleteJourneyMap(@Ctx() ctx: Context, @Arg("key", () => String) key: string): Promise<boolean> {
    const deleted = await ctx.scope.em.nativeDelete(JourneyMapSchema, { workspace: ctx.workspace.id, key });
    if (deleted === 0) throw new GraphQLError(`no journey map with key ${JSON.stringify(key)}`, { extensions: { code: "NOT_FOUND", field: "key" } });
    return true;
  }
}
