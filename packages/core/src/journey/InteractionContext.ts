import type { ChannelRegistry } from "./ChannelRegistry.js";
import type { Touchpoint } from "./Touchpoint.js";

/**
 * What an interaction is validated against: the known touchpoints (by id)
 * and channels (default: the {@link defaultChannels}).
 */
export interface InteractionContext {
  readonly touchpoints: ReadonlyMap<string, Touchpoint> | readonly Touchpoint[];
  readonly channels?: ChannelRegistry;
}
