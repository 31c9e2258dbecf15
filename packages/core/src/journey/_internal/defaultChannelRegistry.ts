import { ChannelRegistry } from "../ChannelRegistry.js";

/** The registry of the {@link defaultChannels}, used when a caller passes none. Never mutated. */
export const defaultChannelRegistry: ChannelRegistry = new ChannelRegistry();
