import type { MiddlewareFn } from "type-graphql";
import type { ResolverClass } from "../schema/createSchema.js";
import type { Context } from "../server/Context.js";
import type { EngagekitPlugin } from "./EngagekitPlugin.js";
import { MetricsRootResolver } from "./MetricsType.js";
import { pluginRuntime, type PluginRuntime } from "./PluginRuntime.js";

/** What createSchema adds for the plugins: resolvers, orphaned types, global middlewares, and the runtime. */
export interface AssembledPlugins {
  readonly resolvers: ResolverClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type
  readonly types: Function[];
  readonly middlewares: MiddlewareFn<Context>[];
  readonly runtime: PluginRuntime;
}

/** Checks the plugins (names, kinds, metrics; throws on a clash) and gathers what the schema build needs. */
export function assemblePlugins(plugins: readonly EngagekitPlugin[]): AssembledPlugins {
  const runtime = pluginRuntime(plugins);
  const metrics = plugins.flatMap((p) => p.metrics ?? []);
  return {
    resolvers: [...plugins.flatMap((p) => p.resolvers ?? []), ...(metrics.length > 0 ? [MetricsRootResolver, ...metrics.map((m) => m.resolver)] : [])],
    types: plugins.flatMap((p) => p.types ?? []),
    middlewares: plugins.flatMap((p) => p.middlewares ?? []),
    runtime,
  };
}
