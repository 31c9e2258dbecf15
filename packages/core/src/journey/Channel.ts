/**
 * A channel a touchpoint runs on (web, email, phone…). `kind` separates
 * self-service digital channels from assisted (a person on the other side)
 * and physical ones, which journey maps and stage health report apart.
 */
export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly kind: ChannelKind;
}

/** How a customer meets a {@link Channel}: on a screen, with a person, or in a place or thing. */
export type ChannelKind = "digital" | "assisted" | "physical";
