import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/Context.js";
import { WorkspaceType } from "./Workspace.type.js";

@Resolver()
export class WorkspaceResolver {
  @Query(() => WorkspaceType, { description: "The workspace this request runs in." })
  workspace(@Ctx() ctx: Context): WorkspaceType {
    const { id, slug, name } = ctx.workspace;
    return Object.assign(new WorkspaceType(), { id: String(id), slug, name });
  }
}
