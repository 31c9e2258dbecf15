import type { MiddlewareFn } from "type-graphql";
import type { EngagementModel } from "@engagekit/core";
import type { EntitySchema, MigrationObject } from "@mikro-orm/core";
import type { ResolverClass } from "../schema/createSchema.js";
import type { Context } from "../server/Context.js";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import type { PluginConditionKind } from "./PluginConditionKind.js";
import type { PluginMetric } from "./PluginMetric.js";
import type { PluginTriggerAction } from "./PluginTriggerAction.js";

/** A migration as MikroORM's `migrationsList` takes it: a name and a `Migration` subclass. */
export type PluginMigration = MigrationObject;

/** A plugin's migrations, one list per dialect (the DDL differs), oldest first. */
export interface PluginMigrations {
  readonly sqlite: readonly PluginMigration[];
  readonly postgresql: readonly PluginMigration[];
}

/** Extra trait values of a customer's segment profile, merged in as `<plugin name>.<key>`. */
export type PluginTraits = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Adds a plugin's data to the core's segment profiles (the only thing a
 * condition kind's predicate may read). Called with the customers whose
 * profiles are being built; returns their extra traits by customer id.
 */
export interface PluginProfileTraits {
  load(scope: WorkspaceScope, customerIds: readonly number[], now: number): Promise<ReadonlyMap<number, PluginTraits>>;
}

/**
 * What a plugin may bring. Every part is optional except the name, which
 * must be unique among the installed plugins (it prefixes the plugin's
 * migration names and profile traits).
 */
export interface PluginSpec<C extends readonly PluginConditionKind[] = readonly PluginConditionKind[], A extends readonly PluginTriggerAction[] = readonly PluginTriggerAction[]> {
  /** Unique, `^[a-z][a-z0-9_-]*$`. */
  readonly name: string;
  /** type-graphql resolver classes (root fields, mutations, `@FieldResolver`s on engagekit's types). */
  readonly resolvers?: readonly ResolverClass[];
  /** type-graphql types reachable only through an interface or union (`orphanedTypes`). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type
  readonly types?: readonly Function[];
  /** MikroORM entities (defineEntity). Those with a `workspace` property get the workspace filter. */
  readonly entities?: readonly EntitySchema[];
  /** The entities' migrations for both dialects, applied after engagekit's (see `pluginMigrations`). */
  readonly migrations?: PluginMigrations;
  /** Segment condition kinds, registered in the core's ConditionRegistry. */
  readonly conditions?: C;
  /** Profile traits the plugin's condition kinds read. */
  readonly profileTraits?: PluginProfileTraits;
  /** Trigger action kinds (`{ type: "custom", kind, params }` in `createTrigger`), checked by the core's validateTrigger. */
  readonly triggerActions?: A;
  /**
   * Engagement models (the core's `EngagementModel`), offered in every
   * workspace beside the core's catalog (`source: PLUGIN`): listed by
   * `engagementModels`, usable in a strategy and by assignment, revisable by
   * a workspace like a catalog model. Checked at startup by the core's
   * validateEngagementModel against engagekit's default channels, model
   * touchpoints and stages; an id the catalog or another plugin has is a
   * startup error.
   */
  readonly models?: readonly EngagementModel[];
  /** Metrics, exposed as fields of the root `metrics` field. */
  readonly metrics?: readonly PluginMetric[];
  /** type-graphql global middlewares (they may read `@Extensions`, see `fieldExtensions`). */
  readonly middlewares?: readonly MiddlewareFn<Context>[];
}

/** An installed plugin: a {@link PluginSpec} made by {@link definePlugin}. */
export interface EngagekitPlugin<C extends readonly PluginConditionKind[] = readonly PluginConditionKind[], A extends readonly PluginTriggerAction[] = readonly PluginTriggerAction[]> extends PluginSpec<C, A> {
  /** Brand, so `createServer({ plugins })` can tell engagekit plugins from Apollo plugins. */
  readonly kind: "engagekit.plugin";
}

const NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * Declares a plugin. An identity function apart from the brand and the name
 * check: it exists so TypeScript infers the plugin's condition kinds and
 * trigger action kinds (their literals and parameter types), which
 * `defineSegment` and `PluginTriggerActionOf` then read.
 */
export function definePlugin<const C extends readonly PluginConditionKind[] = readonly [], const A extends readonly PluginTriggerAction[] = readonly []>(spec: PluginSpec<C, A>): EngagekitPlugin<C, A> {
  if (!NAME.test(spec.name)) throw new Error(`definePlugin requires a name matching ${NAME.source}, got ${JSON.stringify(spec.name)}`);
  return { ...spec, kind: "engagekit.plugin" };
}

/** True for an object made by {@link definePlugin}. */
export function isEngagekitPlugin(value: unknown): value is EngagekitPlugin {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "engagekit.plugin";
}
