import { catalogModel, createConditionRegistry, InputError, registerConditionKind, validateEngagementModel, type ConditionRegistry, type CustomActionKind, type EngagementModel, type Profile, type TraitValue } from "@engagekit/core";
import type { GraphQLSchema } from "graphql";
import type { WorkspaceScope } from "../data/WorkspaceScope.js";
import type { EngagekitPlugin } from "./EngagekitPlugin.js";
import { BUILT_IN_ACTION_TYPES } from "./PluginTriggerAction.js";

/**
 * What the data layer needs of the installed plugins: the condition
 * registry segments validate and compile against, and the plugins' profile
 * traits. Carried by each request's WorkspaceScope.
 */
export interface PluginRuntime {
  readonly plugins: readonly EngagekitPlugin[];
  readonly registry: ConditionRegistry;
  /** The plugins' trigger action kinds, which createTrigger accepts as `{ type: "custom", kind, params }`. */
  readonly actionKinds: readonly CustomActionKind[];
  /** The plugins' engagement models (validated), by id, in plugin order. */
  readonly models: ReadonlyMap<string, EngagementModel>;
  /** Adds the plugins' traits to `profiles` (keyed by customer id), in place. */
  extendProfiles(scope: WorkspaceScope, profiles: Map<number, Profile>, now: number): Promise<void>;
}

/** Checked at startup: unique plugin names, condition kinds, trigger action kinds and metric names, with who clashed. */
export function pluginRuntime(plugins: readonly EngagekitPlugin[]): PluginRuntime {
  const names = new Set<string>();
  const kindOwner = new Map<string, string>();
  const metricOwner = new Map<string, string>();
  const actionOwner = new Map<string, string>();
  const actionKinds: CustomActionKind[] = [];
  const models = new Map<string, EngagementModel>();
  const modelOwner = new Map<string, string>();
  let registry = createConditionRegistry();
  const builtIn = new Set(registry.kinds.keys());
  for (const plugin of plugins) {
    if (names.has(plugin.name)) throw new Error(`two plugins are named ${JSON.stringify(plugin.name)}: plugin names must be unique`);
    names.add(plugin.name);
    for (const c of plugin.conditions ?? []) {
      const owner = kindOwner.get(c.type);
      if (owner !== undefined) throw new Error(`plugin ${JSON.stringify(plugin.name)}: condition kind ${JSON.stringify(c.type)} is already registered by plugin ${JSON.stringify(owner)}`);
      if (builtIn.has(c.type) || ["all", "any", "not", "inSegment"].includes(c.type)) {
        throw new Error(`plugin ${JSON.stringify(plugin.name)}: condition kind ${JSON.stringify(c.type)} is one of engagekit's own`);
      }
      registry = registerConditionKind(registry, c.kind);
      kindOwner.set(c.type, plugin.name);
    }
    for (const a of plugin.triggerActions ?? []) {
      const owner = actionOwner.get(a.kind);
      if (owner !== undefined) throw new Error(`plugin ${JSON.stringify(plugin.name)}: trigger action kind ${JSON.stringify(a.kind)} is already registered by plugin ${JSON.stringify(owner)}`);
      if (BUILT_IN_ACTION_TYPES.includes(a.kind)) throw new Error(`plugin ${JSON.stringify(plugin.name)}: trigger action kind ${JSON.stringify(a.kind)} is one of engagekit's own`);
      actionOwner.set(a.kind, plugin.name);
      actionKinds.push(a.action);
    }
    for (const [i, input] of (plugin.models ?? []).entries()) {
      let model: EngagementModel;
      try {
        model = validateEngagementModel(input);
      } catch (e) {
        if (e instanceof InputError) throw new Error(`plugin ${JSON.stringify(plugin.name)}: models[${i}].${e.path.join(".")}: ${e.message}`);
        throw e;
      }
      if (catalogModel(model.id)) throw new Error(`plugin ${JSON.stringify(plugin.name)}: engagement model ${JSON.stringify(model.id)} is one of the core's catalog`);
      const owner = modelOwner.get(model.id);
      if (owner !== undefined) throw new Error(`plugin ${JSON.stringify(plugin.name)}: engagement model ${JSON.stringify(model.id)} is already brought by plugin ${JSON.stringify(owner)}`);
      modelOwner.set(model.id, plugin.name);
      models.set(model.id, model);
    }
    for (const m of plugin.metrics ?? []) {
      const owner = metricOwner.get(m.name);
      if (owner !== undefined) throw new Error(`plugin ${JSON.stringify(plugin.name)}: metric ${JSON.stringify(m.name)} is already brought by plugin ${JSON.stringify(owner)}`);
      metricOwner.set(m.name, plugin.name);
    }
  }
  const withTraits = plugins.filter((p) => p.profileTraits !== undefined);
  return {
    plugins,
    registry,
    actionKinds,
    models,
    async extendProfiles(scope, profiles, now) {
      if (withTraits.length === 0 || profiles.size === 0) return;
      const ids = [...profiles.keys()];
      for (const plugin of withTraits) {
        const extra = await (plugin.profileTraits as NonNullable<EngagekitPlugin["profileTraits"]>).load(scope, ids, now);
        for (const [id, traits] of extra) {
          const profile = profiles.get(id);
          if (!profile) continue;
          const merged: Record<string, TraitValue> = { ...profile.traits };
          for (const [key, value] of Object.entries(traits)) merged[`${plugin.name}.${key}`] = value;
          profiles.set(id, { ...profile, traits: merged });
        }
      }
    },
  };
}

const bySchema = new WeakMap<GraphQLSchema, PluginRuntime>();

/** Records the plugins a schema was built with (createSchema does). */
export function attachPlugins(schema: GraphQLSchema, runtime: PluginRuntime): void {
  bySchema.set(schema, runtime);
}

/**
 * The runtime of the plugins `schema` was built with. When `given` (the
 * plugins passed to createServer) is not empty it must be the same set:
 * a plugin in one place and not the other is a startup error.
 */
export function pluginsOfSchema(schema: GraphQLSchema, given: readonly EngagekitPlugin[] = []): PluginRuntime | null {
  const runtime = bySchema.get(schema) ?? null;
  if (given.length === 0) return runtime;
  const inSchema = new Set(runtime?.plugins ?? []);
  const missing = given.filter((p) => !inSchema.has(p));
  if (missing.length > 0 || given.length !== inSchema.size) {
    const names = (missing.length > 0 ? missing : [...inSchema].filter((p) => !given.includes(p))).map((p) => JSON.stringify(p.name)).join(", ");
    throw new Error(`createServer: plugins ${names} differ between createSchema({ plugins }) and createServer({ plugins }); pass the same plugins to both (or only to createSchema)`);
  }
  return runtime;
}
