import type { MessagePurpose, TriggerAction } from "./Trigger.js";

/** The customer contact an action makes: its channel and purpose. */
export interface ActionContact {
  readonly channel: string;
  readonly purpose: MessagePurpose;
}

/**
 * The contact an action makes, which consent and the contact policy judge,
 * or `null` for internal work: a message contacts on its channel for its
 * purpose, an offer on its channel for marketing, a custom action on its
 * channel for its purpose when it has one; tasks and custom actions without
 * a channel contact nobody.
 *
 * @category Proactive
 * @example
 * actionContact({ type: "offer", offerId: "o1", channel: "email" }) // => { channel: "email", purpose: "marketing" }
 * actionContact({ type: "custom", kind: "webhook", params: {} }) // => null
 */
export function actionContact(action: TriggerAction): ActionContact | null {
  switch (action.type) {
    case "message":
      return { channel: action.channel, purpose: action.purpose };
    case "offer":
      return { channel: action.channel, purpose: "marketing" };
    case "task":
      return null;
    case "custom":
      return action.channel === undefined ? null : { channel: action.channel, purpose: action.purpose ?? "marketing" };
  }
}
