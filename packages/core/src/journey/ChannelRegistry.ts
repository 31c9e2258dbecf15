import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { Channel } from "./Channel.js";
import { defaultChannels } from "./defaultChannels.js";

/**
 * The set of channels a workspace knows: the {@link defaultChannels} plus any
 * registered by the integrator. Interactions and touchpoints may only name a
 * registered channel.
 *
 * @category Journey
 * @example
 * const channels = new ChannelRegistry().register({ id: "kiosk", name: "Kiosk", kind: "physical" });
 * channels.has("kiosk") // => true
 */
export class ChannelRegistry {
  readonly #byId = new Map<string, Channel>();

  /** Starts from `initial` (default: the eleven {@link defaultChannels}). */
  constructor(initial: readonly Channel[] = defaultChannels) {
    for (let i = 0; i < initial.length; i++) this.#add(initial[i] as Channel, ["channels", i]);
  }

  /**
   * Adds a channel and returns the registry (chainable).
   *
   * @throws {InputError} `JOURNEY.DUPLICATE_ID` when the id is taken; `JOURNEY.INVALID_FIELD` for an empty id
   */
  register(channel: Channel): this {
    this.#add(channel, ["channel"]);
    return this;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): Channel | undefined {
    return this.#byId.get(id);
  }

  /** The channels in registration order. */
  list(): readonly Channel[] {
    return [...this.#byId.values()];
  }

  #add(channel: Channel, path: readonly (string | number)[]): void {
    if (typeof channel.id !== "string" || channel.id === "") {
      throw new InputError(ErrorCodes.INVALID_FIELD, "ChannelRegistry requires a non-empty channel id", [...path, "id"], channel.id);
    }
    if (this.#byId.has(channel.id)) {
      throw new InputError(ErrorCodes.DUPLICATE_ID, `ChannelRegistry requires unique channel ids, got "${channel.id}" twice`, [...path, "id"], channel.id);
    }
    this.#byId.set(channel.id, channel);
  }
}
