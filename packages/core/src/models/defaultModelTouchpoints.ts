import type { Touchpoint } from "../journey/Touchpoint.js";

const tp = (id: string, name: string, channel: string, stages: readonly string[], ownership: Touchpoint["ownership"]): Touchpoint =>
  Object.freeze({ id, name, channel, stages: Object.freeze([...stages]), ownership, emits: Object.freeze([]) });

/**
 * The touchpoints the {@link engagementModelCatalog}'s playbooks name: a
 * documented default set, used by {@link validateEngagementModel} when no
 * journey map (or touchpoint list) is given. Each runs on one of the
 * {@link defaultChannels} and serves the {@link defaultJourneyStages} listed
 * in `stages`; `emits` is empty (any interaction type).
 *
 * They follow the touchpoints the seeds name per stage — social media, search
 * and paid ads at awareness; demos, webinars, reviews and targeted email at
 * consideration; checkout and after-sales support at conversion; follow-ups,
 * loyalty programmes, check-ins and business reviews at retention; referral
 * programmes, reviews, user-generated content and community at advocacy —
 * plus the self-service, proactive and omnichannel ones (knowledge base,
 * chatbot, usage alerts, voice re-order, connected-device notices). A
 * workspace with its own journey map validates models against the map's
 * touchpoints instead.
 *
 * @category Models
 * @example
 * defaultModelTouchpoints.find((t) => t.id === "business_review")?.channel // => "phone"
 */
export const defaultModelTouchpoints: readonly Touchpoint[] = Object.freeze([
  // Awareness
  tp("search_ad", "Search and display ads", "web", ["awareness"], "paid"),
  tp("social_post", "Social media posts", "social", ["awareness", "consideration", "advocacy"], "owned"),
  tp("content_article", "Blog and SEO content", "web", ["awareness", "consideration"], "owned"),
  tp("word_of_mouth", "Word of mouth and reviews", "social", ["awareness", "consideration", "advocacy"], "earned"),
  tp("newsletter", "Newsletter", "email", ["awareness", "consideration", "retention"], "owned"),
  tp("account_outreach", "Account manager outreach", "phone", ["awareness", "consideration"], "owned"),
  // Consideration
  tp("product_page", "Product page", "web", ["consideration", "conversion"], "owned"),
  tp("product_demo", "Live product demo", "phone", ["consideration"], "owned"),
  tp("webinar", "Webinar", "web", ["awareness", "consideration", "retention"], "owned"),
  tp("targeted_email", "Targeted email campaign", "email", ["consideration", "conversion", "retention"], "owned"),
  tp("recommendation", "Personalised recommendations", "web", ["consideration", "conversion", "retention"], "owned"),
  tp("personal_consultation", "Personal consultation", "in_store", ["consideration", "conversion", "retention"], "owned"),
  tp("store_visit", "Store visit", "in_store", ["consideration", "conversion"], "owned"),
  // Conversion
  tp("checkout", "Web checkout", "web", ["conversion"], "owned"),
  tp("app_checkout", "App checkout", "mobile_app", ["conversion"], "owned"),
  tp("sales_call", "Sales call", "phone", ["consideration", "conversion"], "owned"),
  tp("onboarding_call", "Onboarding and implementation call", "phone", ["conversion", "retention"], "owned"),
  tp("welcome_email", "Welcome email series", "email", ["conversion", "retention"], "owned"),
  tp("support_chat", "Live support chat", "chat", ["consideration", "conversion", "retention"], "owned"),
  // Retention
  tp("help_center", "Knowledge base and FAQ", "web", ["consideration", "conversion", "retention"], "owned"),
  tp("chatbot", "Chatbot", "chat", ["consideration", "conversion", "retention"], "owned"),
  tp("check_in_call", "Check-in call", "phone", ["retention"], "owned"),
  tp("business_review", "Business review (QBR)", "phone", ["retention", "advocacy"], "owned"),
  tp("training_session", "Training session", "web", ["conversion", "retention"], "owned"),
  tp("lifecycle_email", "Triggered lifecycle email", "email", ["conversion", "retention"], "owned"),
  tp("push_offer", "Push notification offer", "push", ["retention"], "owned"),
  tp("sms_reminder", "SMS reminder", "sms", ["conversion", "retention"], "owned"),
  tp("in_app_message", "In-app message", "mobile_app", ["conversion", "retention"], "owned"),
  tp("loyalty_program", "Loyalty programme", "mobile_app", ["retention", "advocacy"], "owned"),
  tp("usage_alert", "Usage or health alert", "email", ["retention"], "owned"),
  tp("renewal_reminder", "Renewal reminder", "email", ["retention"], "owned"),
  tp("voice_reorder", "Voice assistant re-order", "voice_assistant", ["retention"], "owned"),
  tp("device_notice", "Connected-device notice", "iot_device", ["retention"], "owned"),
  tp("satisfaction_survey", "Satisfaction survey (NPS/CSAT)", "email", ["conversion", "retention", "advocacy"], "owned"),
  // Advocacy
  tp("referral_program", "Referral programme", "web", ["advocacy"], "owned"),
  tp("review_request", "Review request", "email", ["advocacy"], "owned"),
  tp("community_forum", "Community forum", "web", ["consideration", "retention", "advocacy"], "owned"),
  tp("social_group", "Social media group", "social", ["retention", "advocacy"], "owned"),
  tp("brand_event", "Brand event", "in_store", ["retention", "advocacy"], "owned"),
  tp("customer_story", "Case study and testimonial", "web", ["awareness", "consideration", "advocacy"], "earned"),
]);
