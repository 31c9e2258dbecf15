import type { EngagekitPlugin, PluginMigration } from "./EngagekitPlugin.js";

/**
 * The plugins' migrations for `dialect`, to append to engagekit's own in
 * MikroORM's `migrationsList`: plugin order, then each plugin's order. Each
 * is tracked in the same migrations table as engagekit's, under
 * `<plugin name>:<migration name>` so two plugins cannot collide.
 */
export function pluginMigrations(plugins: readonly EngagekitPlugin[], dialect: "sqlite" | "postgresql"): PluginMigration[] {
  const out: PluginMigration[] = [];
  const seen = new Set<string>();
  for (const plugin of plugins) {
    const list = plugin.migrations?.[dialect] ?? [];
    const other = plugin.migrations?.[dialect === "sqlite" ? "postgresql" : "sqlite"] ?? [];
    if (list.length !== other.length) throw new Error(`plugin ${JSON.stringify(plugin.name)}: ${list.length} ${dialect} migrations but ${other.length} for the other dialect; give both`);
    for (const m of list) {
      const name = `${plugin.name}:${m.name}`;
      if (seen.has(name)) throw new Error(`plugin ${JSON.stringify(plugin.name)}: migration ${JSON.stringify(m.name)} is listed twice`);
      seen.add(name);
      out.push({ name, class: m.class });
    }
  }
  return out;
}

/** The plugins' entities, for MikroORM's `entities` option. */
export function pluginEntities(plugins: readonly EngagekitPlugin[]) {
  return plugins.flatMap((p) => p.entities ?? []);
}
