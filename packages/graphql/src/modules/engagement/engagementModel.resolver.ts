import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/Context.js";
import { EngagementModelType } from "./EngagementModel.type.js";
import { EngagementModelChangesInput, EngagementModelInput, plain } from "./EngagementModel.input.js";
import { createModel, findModel, latestModels, modelHistory, toType, updateModel } from "./engagementModelService.js";

/** The catalog and the workspace's custom engagement models, versioned. */
@Resolver()
export class EngagementModelResolver {
  @Query(() => [EngagementModelType], { description: "The core's catalog of twelve models and the workspace's custom models, each at its latest version, by id." })
  async engagementModels(@Ctx() ctx: Context): Promise<EngagementModelType[]> {
    return [...(await latestModels(ctx.scope)).values()].sort((a, b) => (a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0)).map(toType);
  }

  @Query(() => EngagementModelType, { nullable: true, description: "One model at its latest version, or at `version`; null when there is no such model or version." })
  async engagementModel(
    @Ctx() ctx: Context,
    @Arg("id", () => String) id: string,
    @Arg("version", () => Int, { nullable: true }) version?: number,
  ): Promise<EngagementModelType | null> {
    const found = await findModel(ctx.scope, id, version ?? undefined);
    return found ? toType(found) : null;
  }

  @Query(() => [EngagementModelType], { description: "Every version of a model, oldest first (empty when there is no such model)." })
  async engagementModelVersions(@Ctx() ctx: Context, @Arg("id", () => String) id: string): Promise<EngagementModelType[]> {
    return (await modelHistory(ctx.scope, id)).map(toType);
  }

  @Mutation(() => EngagementModelType, {
    description: "Stores a custom model as version 1 after the core validates it. CONFLICT when the id exists (catalog or workspace); BAD_USER_INPUT with the path (e.g. input.playbook.2.touchpoints.0).",
  })
  async createEngagementModel(@Ctx() ctx: Context, @Arg("input", () => EngagementModelInput) input: EngagementModelInput): Promise<EngagementModelType> {
    return toType(await createModel(ctx.scope, plain(input)));
  }

  @Mutation(() => EngagementModelType, {
    description: "Stores the next version of a model (a catalog model gets a workspace version); old versions stay. NOT_FOUND for an unknown id; BAD_USER_INPUT with the path under `changes`.",
  })
  async updateEngagementModel(
    @Ctx() ctx: Context,
    @Arg("id", () => String) id: string,
    @Arg("changes", () => EngagementModelChangesInput) changes: EngagementModelChangesInput,
  ): Promise<EngagementModelType> {
    return toType(await updateModel(ctx.scope, id, plain(changes)));
  }
}
