import { ChannelRegistry, defaultChannels, type CustomActionKind, type JourneyMap, type TriggerReferences } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";

/**
 * What a workspace's triggers and contact policy may name: its segment keys,
 * the channels ingestion accepts (the core's default channels plus those
 * its journey maps register), and the trigger action kinds of the installed
 * plugins.
 */
export async function triggerReferences(scope: WorkspaceScope): Promise<Required<Pick<TriggerReferences, "segments">> & { channels: ChannelRegistry; actionKinds: readonly CustomActionKind[] }> {
  const segments = (await scope.select<{ key: string }>("select key from segments where workspace_id = ?")).map((r) => r.key);
  const channels = new ChannelRegistry(defaultChannels);
  for (const row of await scope.select<{ document: string | Record<string, unknown> }>("select document from journey_maps where workspace_id = ?")) {
    const map = (typeof row.document === "string" ? JSON.parse(row.document) : row.document) as JourneyMap;
    for (const c of map.channels ?? []) if (!channels.has(c.id)) channels.register(c);
  }
  return { segments, channels, actionKinds: scope.plugins?.actionKinds ?? [] };
}
