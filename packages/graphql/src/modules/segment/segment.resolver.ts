import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { GraphQLError } from "graphql";
import { compileSegment, explainSegment } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { CustomerSchema } from "../../entities/Customer.js";
import { SegmentMembershipSchema, SegmentSchema } from "../../entities/Segment.js";
import { loadProfiles } from "../../data/loadProfiles.js";
import { customerNotFound, parseCustomerId } from "../privacy/customerNotFound.js";
import { Connection } from "../common/connection.js";
import { paginate } from "../common/paginate.js";
import { CustomerConnection } from "../customer/CustomerConnection.type.js";
import { toCustomerType, type CustomerRow } from "../customer/Customer.type.js";
import { SegmentInput } from "./Segment.input.js";
import { SegmentType, toSegmentType, type SegmentRow } from "./Segment.type.js";
import { SegmentPreviewType, SegmentValidationType } from "./SegmentValidation.type.js";
import { invalidDefinition, loadSegments, refreshMemberships, registryOptions, toDefinition, validate } from "./segmentService.js";

const SegmentConnection = Connection(SegmentType, "Segment");
type SegmentConnection = InstanceType<typeof SegmentConnection>;

const notFound = (key: string) => new GraphQLError(`no segment with key ${JSON.stringify(key)}`, { extensions: { code: "NOT_FOUND", field: "key" } });

function definitionOf(input: SegmentInput) {
  return toDefinition({ key: input.key, name: input.name, definition: input.condition });
}

@Resolver(() => SegmentType)
export class SegmentResolver {
  @Query(() => SegmentConnection, { description: "The workspace's segments, oldest first." })
  async segments(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<SegmentConnection> {
    const cols = ["id", "key", "name", "description", "definition"];
    const page = await paginate<SegmentRow, SegmentType>(
      ctx.scope,
      ctx.scope.qb(SegmentSchema).select(cols as never) as never,
      ctx.scope.qb(SegmentSchema) as never,
      first,
      after,
      toSegmentType,
    );
    return Object.assign(new SegmentConnection(), page);
  }

  @Query(() => SegmentType, { nullable: true })
  async segment(@Ctx() ctx: Context, @Arg("key", () => String) key: string): Promise<SegmentType | null> {
    const row = (await loadSegments(ctx.scope)).find((s) => s.key === key);
    return row ? toSegmentType(row) : null;
  }

  @Query(() => SegmentValidationType, { description: "Checks a definition without saving it: every issue with its JSON path." })
  async validateSegment(@Ctx() ctx: Context, @Arg("input", () => SegmentInput) input: SegmentInput): Promise<SegmentValidationType> {
    const result = validate(definitionOf(input), await loadSegments(ctx.scope), ctx.scope);
    return Object.assign(new SegmentValidationType(), {
      valid: result.valid,
      issues: result.issues.map((i) => ({ code: i.code, path: ["input", ...i.path].join("."), message: i.message, value: i.value ?? null })),
    });
  }

  @Query(() => SegmentPreviewType, { description: "How many customers the definition would hold now, without saving it." })
  async previewSegment(@Ctx() ctx: Context, @Arg("input", () => SegmentInput) input: SegmentInput): Promise<SegmentPreviewType> {
    const others = await loadSegments(ctx.scope);
    const definition = definitionOf(input);
    const result = validate(definition, others, ctx.scope);
    if (!result.valid) throw invalidDefinition(result.issues);
    const segments = [...others.filter((s) => s.key !== input.key).map(toDefinition), definition];
    const predicate = compileSegment(definition, { segments, ...registryOptions(ctx.scope) });
    const profiles = await loadProfiles(ctx.scope, "all");
    const now = Date.now();
    let count = 0;
    for (const p of profiles.values()) if (predicate(p, now)) count++;
    return Object.assign(new SegmentPreviewType(), { count, total: profiles.size });
  }

  @Query(() => JSONObjectResolver, { description: "The definition's tree annotated for one customer: which branches matched and the values seen." })
  async explainSegment(
    @Ctx() ctx: Context,
    @Arg("key", () => String) key: string,
    @Arg("customerId", () => ID) customerId: string,
  ): Promise<Record<string, unknown>> {
    const segments = await loadSegments(ctx.scope);
    const row = segments.find((s) => s.key === key);
    if (!row) throw notFound(key);
    const id = parseCustomerId(customerId);
    const profile = id === null ? undefined : (await loadProfiles(ctx.scope, [id])).get(id);
    if (!profile) throw customerNotFound();
    return explainSegment(toDefinition(row), profile, Date.now(), { segments: segments.map(toDefinition), ...registryOptions(ctx.scope) }) as unknown as Record<string, unknown>;
  }

  @Mutation(() => SegmentType, { description: "Creates a segment and computes its members. CONFLICT when the key exists; BAD_USER_INPUT with every issue when invalid." })
  async createSegment(@Ctx() ctx: Context, @Arg("input", () => SegmentInput) input: SegmentInput): Promise<SegmentType> {
    const others = await loadSegments(ctx.scope);
    if (others.some((s) => s.key === input.key)) {
      throw new GraphQLError(`a segment with key ${JSON.stringify(input.key)} exists`, { extensions: { code: "CONFLICT", field: "input.key" } });
    }
    const result = validate(definitionOf(input), others, ctx.scope);
    if (!result.valid) throw invalidDefinition(result.issues);
    return ctx.scope.em.transactional(async (tx) => {
      const scope = ctx.scope.with(tx);
      const now = new Date();
      await tx.insert(SegmentSchema, {
        workspace: scope.workspaceId,
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        definition: input.condition,
        createdAt: now,
        updatedAt: now,
      } as never);
      await refreshMemberships(scope, "all");
      const row = (await loadSegments(scope)).find((s) => s.key === input.key) as SegmentRow;
      return toSegmentType(row);
    });
  }

  @Mutation(() => SegmentType, { description: "Replaces a segment's name, description and condition, and recomputes its members." })
  async updateSegment(
    @Ctx() ctx: Context,
    @Arg("key", () => String) key: string,
    @Arg("input", () => SegmentInput) input: SegmentInput,
  ): Promise<SegmentType> {
    const others = await loadSegments(ctx.scope);
    const row = others.find((s) => s.key === key);
    if (!row) throw notFound(key);
    if (input.key !== key) throw new GraphQLError("a segment's key cannot change", { extensions: { code: "BAD_USER_INPUT", field: "input.key" } });
    const result = validate(definitionOf(input), others, ctx.scope);
    if (!result.valid) throw invalidDefinition(result.issues);
    return ctx.scope.em.transactional(async (tx) => {
      const scope = ctx.scope.with(tx);
      await tx.nativeUpdate(
        SegmentSchema,
        { workspace: scope.workspaceId, id: Number(row.id) },
        { name: input.name, description: input.description ?? null, definition: input.condition, updatedAt: new Date() } as never,
      );
      await refreshMemberships(scope, "all");
      return toSegmentType((await loadSegments(scope)).find((s) => s.key === key) as SegmentRow);
    });
  }

  @Mutation(() => Boolean, { description: "Deletes a segment and its memberships. NOT_FOUND when it does not exist; CONFLICT when another segment references it." })
  async deleteSegment(@Ctx() ctx: Context, @Arg("key", () => String) key: string): Promise<boolean> {
    const segments = await loadSegments(ctx.scope);
    const row = segments.find((s) => s.key === key);
    if (!row) throw notFound(key);
    const users = segments.filter((s) => s.key !== key && JSON.stringify(toDefinition(s).condition).includes(`"segmentId":${JSON.stringify(key)}`));
    if (users.length > 0) {
      throw new GraphQLError(`segment ${JSON.stringify(key)} is referenced by ${users.map((u) => u.key).join(", ")}`, { extensions: { code: "CONFLICT", field: "key" } });
    }
    await ctx.scope.em.transactional(async (tx) => {
      await tx.nativeDelete(SegmentMembershipSchema, { workspace: ctx.workspace.id, segment: Number(row.id) });
      await tx.nativeDelete(SegmentSchema, { workspace: ctx.workspace.id, id: Number(row.id) });
    });
    return true;
  }

  @FieldResolver(() => CustomerConnection, { description: "Current members, oldest customer first." })
  async members(
    @Root() segment: SegmentType,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<InstanceType<typeof CustomerConnection>> {
    const cols = ["id", "externalId", "email", "traits", "createdAt", "journeyStage", "ladderTier", "engagementScore", "rfmScore", "predictedClv", "pAlive"];
    const inSegment = <Q extends { andWhere(cond: never): Q }>(qb: Q): Q =>
      qb.andWhere({ id: { $in: ctx.scope.em.createQueryBuilder(SegmentMembershipSchema, "m").select("customer").where({ segment: Number(segment.id) }).getKnexQuery() } } as never);
    const page = await paginate<CustomerRow, ReturnType<typeof toCustomerType>>(
      ctx.scope,
      inSegment(ctx.scope.qb(CustomerSchema).select(cols as never)) as never,
      inSegment(ctx.scope.qb(CustomerSchema)) as never,
      first,
      after,
      toCustomerType,
    );
    return Object.assign(new CustomerConnection(), page);
  }

  @FieldResolver(() => Int, { description: "Number of current members." })
  async memberCount(@Root() segment: SegmentType, @Ctx() ctx: Context): Promise<number> {
    const rows = await ctx.scope.select<{ n: number | string }>("select count(*) as n from segment_memberships where workspace_id = ? and segment_id = ?", [Number(segment.id)]);
    return Number(rows[0]?.n ?? 0);
  }
}
