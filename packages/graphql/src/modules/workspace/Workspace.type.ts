import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Workspace", { simpleResolvers: true, description: "A tenant. Every request runs inside one, chosen by the x-engagekit-workspace header." })
export class WorkspaceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}
