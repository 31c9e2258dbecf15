import type { Channel } from "./Channel.js";

/**
 * The eleven channels every engagekit workspace starts with: web, mobile app,
 * email, SMS, push, phone, chat, social, in-store, voice assistant and IoT
 * device. Extend them with a {@link ChannelRegistry}.
 *
 * @category Journey
 * @example
 * defaultChannels.map((c) => c.id).slice(0, 3) // => ["web", "mobile_app", "email"]
 */
export const defaultChannels: readonly Channel[] = Object.freeze([
  { id: "web", name: "Web", kind: "digital" },
  { id: "mobile_app", name: "Mobile app", kind: "digital" },
  { id: "email", name: "Email", kind: "digital" },
  { id: "sms", name: "SMS", kind: "digital" },
  { id: "push", name: "Push notification", kind: "digital" },
  { id: "phone", name: "Phone", kind: "assisted" },
  { id: "chat", name: "Chat", kind: "assisted" },
  { id: "social", name: "Social media", kind: "digital" },
  { id: "in_store", name: "In-store", kind: "physical" },
  { id: "voice_assistant", name: "Voice assistant", kind: "digital" },
  { id: "iot_device", name: "IoT device", kind: "physical" },
] as const satisfies readonly Channel[]);
