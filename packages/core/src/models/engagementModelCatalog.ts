import type { CadencePeriod, CostComponent, CostToServe, EngagementModel, PlaybookEntry } from "./EngagementModel.js";

type Play = readonly [stage: string, touchpoints: readonly string[], channels: readonly string[], actions: readonly string[]];

const playbook = (plays: readonly Play[]): readonly PlaybookEntry[] =>
  Object.freeze(
    plays.map(([stage, touchpoints, channels, actions]) =>
      Object.freeze({ stage, touchpoints: Object.freeze([...touchpoints]), channels: Object.freeze([...channels]), actions: Object.freeze([...actions]) }),
    ),
  );

/** A cost whose `perCustomer` is the sum of its components (so the two always agree). */
const cost = (period: CadencePeriod, parts: readonly (readonly [label: string, amount: number])[]): CostToServe => {
  const components: CostComponent[] = parts.map(([label, amount]) => Object.freeze({ label, amount }));
  let perCustomer = 0;
  for (const c of components) perCustomer += c.amount;
  return Object.freeze({ period, perCustomer, components: Object.freeze(components) });
};

const model = (m: EngagementModel): EngagementModel =>
  Object.freeze({
    ...m,
    channels: Object.freeze([...m.channels]),
    cadence: Object.freeze({ ...m.cadence }),
    bestFor: Object.freeze({ ...m.bestFor, markets: Object.freeze([...m.bestFor.markets]) }),
    kpis: Object.freeze([...m.kpis]),
    feedback: Object.freeze([...m.feedback]),
  });

/*
 * Unit costs behind the default costs to serve (per customer per month). They are
 * practitioner rules of thumb, stated so a reader can redo the arithmetic and put in
 * their own numbers (revise a model with reviseEngagementModel):
 *
 * - a named person (account manager, CSM) costs about 8,000–9,000 a month fully loaded
 *   (salary, taxes, tools) and carries 25–40 high-value accounts (the usual
 *   enterprise-CSM "book of business"); pooled CSMs of a hybrid model carry ~200;
 * - an automated message costs ~0.005 (email service pricing of roughly 0.5–1 per
 *   thousand sends plus deliverability tooling); an SMS or push ~0.01;
 * - an assisted contact (chat, call) costs ~4–6 of agent time;
 * - platform shares (marketing automation, CDP, knowledge base, community software)
 *   are a licence divided by the customers it serves: 0.10–0.80.
 */
const CSM_MONTHLY = 8_000;
const CSM_ACCOUNTS = 40;
const AM_MONTHLY = 9_000;
const AM_ACCOUNTS = 25;
const POOLED_ACCOUNTS = 200;
const EMAIL = 0.005;
const SMS_PUSH = 0.01;
const AGENT_CONTACT = 5;

/**
 * The twelve engagement models of the field as typed data, version 1 each:
 * the five of the high/low-touch family (high-touch, low-touch, customer
 * success manager, automated retention, hybrid) and the seven of the
 * customer-care family (customer journey, engagement ladder, omnichannel,
 * self-service, personalized, proactive, community). Each names its touch and
 * automation level, default channels (ids of {@link defaultChannels}), contact
 * cadence (target and cap per period), owner, value proposition, best-for
 * guidance, KPIs (metric ids of the core: `nps`, `csat`, `ces`, `churnRate`,
 * `retentionRate`, `repeatPurchaseRate`, `conversionRate`, `clickThroughRate`,
 * `engagementRate`, `responseTime`, `clv`, `selfServiceDeflectionRate`),
 * feedback surveys, a playbook for each of the five default journey stages
 * (touchpoints of {@link defaultModelTouchpoints}) and a default cost to serve
 * per customer per month with its components.
 *
 * Sources: the model descriptions and the best-for table (High-Touch → B2B,
 * high-value clients; Low-Touch → B2C, high-volume customers; Hybrid → diverse
 * customer base) come from the seed articles (shared/seeds/000–002); cadences
 * and costs are practitioner rules of thumb documented on each model — e.g.
 * CSM: a monthly check-in plus a quarterly business review (4 contacts a
 * quarter), and a CSM costing 8,000 a month across 40 accounts = 200 per
 * account per month. Every entry passes {@link validateEngagementModel}.
 *
 * The array and its entries are frozen; derive a custom model with
 * {@link reviseEngagementModel} or a spread.
 *
 * @category Models
 * @example
 * engagementModelCatalog.map((m) => m.id).slice(0, 3) // => ["high_touch", "low_touch", "csm"]
 * catalogModel("csm")?.cost.perCustomer // => 220
 */
export const engagementModelCatalog: readonly EngagementModel[] = Object.freeze([
  model({
    id: "high_touch",
    version: 1,
    name: "High-touch",
    kind: "high_touch",
    touchLevel: "high",
    automationLevel: "manual",
    channels: ["phone", "in_store", "email"],
    // A personal contact about every two weeks; more than 6 a month becomes intrusive.
    cadence: { period: "month", target: 2, cap: 6 },
    ownerRole: "account_manager",
    valueProposition: "A named person who knows the customer: personal consultations, one-on-one support and bespoke service.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "high", volume: "low", notes: "Niche markets, luxury goods and bespoke services; B2B high-value clients (few customers, each worth a lot)." },
    kpis: ["nps", "csat", "retentionRate", "repeatPurchaseRate", "clv"],
    feedback: ["nps", "csat"],
    playbook: playbook([
      ["awareness", ["account_outreach", "word_of_mouth"], ["phone", "social"], ["personal introduction by the account manager", "referrals from existing clients"]],
      ["consideration", ["personal_consultation", "product_demo"], ["in_store", "phone"], ["personal consultation on needs and preferences", "tailored proposal"]],
      ["conversion", ["sales_call", "onboarding_call"], ["phone"], ["personal purchase assistance", "white-glove onboarding"]],
      ["retention", ["check_in_call", "personal_consultation", "brand_event"], ["phone", "in_store"], ["regular follow-up calls", "bespoke offers from known preferences", "private events"]],
      ["advocacy", ["brand_event", "customer_story"], ["in_store", "web"], ["invite to exclusive events", "co-created testimonial"]],
    ]),
    // An account manager at 9,000/month carries 25 clients = 360; bespoke gifts and events 40.
    cost: cost("month", [
      ["account manager salary share (9,000 / 25 accounts)", AM_MONTHLY / AM_ACCOUNTS],
      ["bespoke gifts and private events", 40],
    ]),
  }),
  model({
    id: "low_touch",
    version: 1,
    name: "Low-touch",
    kind: "low_touch",
    touchLevel: "low",
    automationLevel: "automated",
    channels: ["email", "web", "chat"],
    // A newsletter twice a month; at most two marketing messages a week.
    cadence: { period: "month", target: 2, cap: 8 },
    ownerRole: "marketing_automation",
    valueProposition: "Timely, relevant information and instant answers without waiting for a person: automated emails, a chatbot and a knowledge base.",
    bestFor: { markets: ["B2C"], dealSize: "low", volume: "high", notes: "B2C, high-volume customers buying common, non-customised products with a straightforward decision." },
    kpis: ["conversionRate", "clickThroughRate", "repeatPurchaseRate", "csat", "selfServiceDeflectionRate"],
    feedback: ["csat"],
    playbook: playbook([
      ["awareness", ["search_ad", "content_article"], ["web"], ["search engine optimisation", "paid search campaigns"]],
      ["consideration", ["product_page", "targeted_email"], ["web", "email"], ["detailed product information", "targeted email campaign with an incentive"]],
      ["conversion", ["checkout", "chatbot"], ["web", "chat"], ["frictionless checkout", "chatbot answers at checkout"]],
      ["retention", ["newsletter", "help_center"], ["email", "web"], ["newsletter twice a month", "self-service knowledge base"]],
      ["advocacy", ["review_request", "referral_program"], ["email", "web"], ["automated review request after delivery", "referral discount"]],
    ]),
    // 4 emails (0.005 each), 0.1 assisted contacts a month at 5, platform share 0.20.
    cost: cost("month", [
      ["automated emails (4 × 0.005)", 4 * EMAIL],
      ["support on demand (0.1 contacts × 5)", 0.1 * AGENT_CONTACT],
      ["marketing automation platform share", 0.2],
    ]),
  }),
  model({
    id: "csm",
    version: 1,
    name: "Customer success manager",
    kind: "customer_success_manager",
    touchLevel: "high",
    automationLevel: "assisted",
    channels: ["phone", "email", "web"],
    // A monthly check-in plus a quarterly business review: 4 contacts a quarter; at most 12 (weekly during onboarding or escalations).
    cadence: { period: "quarter", target: 4, cap: 12 },
    ownerRole: "csm",
    valueProposition: "A dedicated customer success manager who drives adoption, reviews outcomes and resolves issues before they cost the customer.",
    bestFor: { markets: ["B2B"], dealSize: "high", volume: "low", notes: "Subscription and SaaS businesses where retaining high-value accounts is crucial." },
    kpis: ["retentionRate", "churnRate", "nps", "clv", "engagementRate"],
    feedback: ["nps", "csat"],
    playbook: playbook([
      ["awareness", ["webinar", "customer_story"], ["web"], ["thought-leadership webinars", "case studies from similar accounts"]],
      ["consideration", ["product_demo", "sales_call"], ["phone"], ["tailored demo", "success plan drafted with the buyer"]],
      ["conversion", ["onboarding_call", "training_session"], ["phone", "web"], ["implementation kickoff", "training sessions for the customer's team"]],
      ["retention", ["check_in_call", "business_review", "usage_alert"], ["phone", "email"], ["monthly check-in", "quarterly business review", "act on usage alerts"]],
      ["advocacy", ["business_review", "customer_story", "referral_program"], ["phone", "web"], ["ask for a reference at a successful review", "co-written case study"]],
    ]),
    // A CSM at 8,000/month serving 40 accounts = 200; customer-success platform seat share 20.
    cost: cost("month", [
      ["CSM salary share (8,000 / 40 accounts)", CSM_MONTHLY / CSM_ACCOUNTS],
      ["customer-success platform share", 20],
    ]),
  }),
  model({
    id: "automated_retention",
    version: 1,
    name: "Automated retention",
    kind: "automated_retention",
    touchLevel: "tech",
    automationLevel: "automated",
    channels: ["email", "push", "sms", "mobile_app"],
    // A weekly lifecycle touch across email, push and SMS; at most 12 a month.
    cadence: { period: "month", target: 4, cap: 12 },
    ownerRole: "marketing_automation",
    valueProposition: "Relevant reminders, recommendations and loyalty rewards that arrive when the customer is ready to buy again.",
    bestFor: { markets: ["B2C"], dealSize: "low", volume: "high", notes: "Mass-market retail and e-commerce improving engagement and repeat purchases at scale." },
    kpis: ["repeatPurchaseRate", "retentionRate", "churnRate", "clickThroughRate", "clv"],
    feedback: ["csat"],
    playbook: playbook([
      ["awareness", ["search_ad", "social_post"], ["web", "social"], ["retargeting ads"]],
      ["consideration", ["recommendation", "targeted_email"], ["web", "email"], ["AI-driven product recommendations", "browse-abandonment email"]],
      ["conversion", ["checkout", "app_checkout", "sms_reminder"], ["web", "mobile_app", "sms"], ["cart-abandonment reminder", "one-tap checkout"]],
      ["retention", ["lifecycle_email", "push_offer", "loyalty_program"], ["email", "push", "mobile_app"], ["replenishment and win-back emails", "loyalty points and tier rewards", "personalised push offers"]],
      ["advocacy", ["review_request", "referral_program"], ["email", "web"], ["automated review request", "referral reward"]],
    ]),
    // 6 emails (0.005) and 2 SMS/push (0.01); automation platform and recommendation engine share 0.30.
    cost: cost("month", [
      ["automated emails (6 × 0.005)", 6 * EMAIL],
      ["SMS and push (2 × 0.01)", 2 * SMS_PUSH],
      ["automation platform and recommendation engine share", 0.3],
    ]),
  }),
  model({
    id: "hybrid",
    version: 1,
    name: "Hybrid",
    kind: "hybrid",
    touchLevel: "low",
    automationLevel: "assisted",
    channels: ["email", "phone", "chat", "web"],
    // Automated touches twice a month, a person when signals ask for one; at most 8 a month.
    cadence: { period: "month", target: 2, cap: 8 },
    ownerRole: "csm",
    valueProposition: "Personal support when it matters and automation for routine interactions: attention where it counts, efficiency everywhere else.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "any", volume: "any", notes: "A diverse customer base, from customers needing bespoke service to routine buyers; make the split explicit with an EngagementStrategy." },
    kpis: ["retentionRate", "nps", "csat", "clv", "responseTime"],
    feedback: ["nps", "csat"],
    playbook: playbook([
      ["awareness", ["content_article", "webinar"], ["web"], ["educational content", "webinars for prospects"]],
      ["consideration", ["product_page", "sales_call"], ["web", "phone"], ["self-serve evaluation", "sales call for larger deals"]],
      ["conversion", ["checkout", "onboarding_call", "welcome_email"], ["web", "phone", "email"], ["self-serve checkout", "onboarding call for high-value accounts", "welcome series for the rest"]],
      ["retention", ["lifecycle_email", "support_chat", "check_in_call"], ["email", "chat", "phone"], ["automated lifecycle emails", "live chat support", "check-in call when a risk signal fires"]],
      ["advocacy", ["satisfaction_survey", "referral_program"], ["email", "web"], ["NPS survey", "referral programme for promoters"]],
    ]),
    // A pooled CSM carries 200 accounts (8,000 / 200 = 40); 4 emails; platform share 0.30.
    cost: cost("month", [
      ["pooled CSM salary share (8,000 / 200 accounts)", CSM_MONTHLY / POOLED_ACCOUNTS],
      ["automated emails (4 × 0.005)", 4 * EMAIL],
      ["automation platform share", 0.3],
    ]),
  }),
  model({
    id: "customer_journey",
    version: 1,
    name: "Customer journey",
    kind: "customer_journey",
    touchLevel: "low",
    automationLevel: "assisted",
    channels: ["web", "email", "phone", "social"],
    // One orchestrated touch per stage transition, about twice a month; at most 8.
    cadence: { period: "month", target: 2, cap: 8 },
    ownerRole: "marketing_automation",
    valueProposition: "An experience designed stage by stage, from first contact to post-purchase, with the pain points of each stage found and fixed.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "any", volume: "any", notes: "Any business mapping its journey to find where customers drop off or struggle." },
    kpis: ["conversionRate", "retentionRate", "csat", "ces", "nps"],
    feedback: ["csat", "ces"],
    playbook: playbook([
      ["awareness", ["social_post", "search_ad", "content_article"], ["social", "web"], ["map first-contact touchpoints", "measure reach per channel"]],
      ["consideration", ["product_page", "webinar", "targeted_email"], ["web", "email"], ["answer the questions of each persona", "nurture emails"]],
      ["conversion", ["checkout", "support_chat"], ["web", "chat"], ["remove checkout friction found in the funnel", "support at the drop-off step"]],
      ["retention", ["welcome_email", "lifecycle_email", "satisfaction_survey"], ["email"], ["post-purchase follow-up", "effort survey after support"]],
      ["advocacy", ["review_request", "referral_program"], ["email", "web"], ["review request", "referral incentive"]],
    ]),
    // Journey orchestration share 0.40, 6 emails, journey analytics 0.10.
    cost: cost("month", [
      ["journey orchestration platform share", 0.4],
      ["automated emails (6 × 0.005)", 6 * EMAIL],
      ["journey analytics share", 0.1],
    ]),
  }),
  model({
    id: "engagement_ladder",
    version: 1,
    name: "Engagement ladder",
    kind: "engagement_ladder",
    touchLevel: "tech",
    automationLevel: "automated",
    channels: ["email", "mobile_app", "social", "web"],
    // One tier-specific nudge every two weeks; at most 6 a month.
    cadence: { period: "month", target: 2, cap: 6 },
    ownerRole: "marketing_automation",
    valueProposition: "Recognition and rewards that grow with the customer's engagement, from passive to active to advocate.",
    bestFor: { markets: ["B2C"], dealSize: "mid", volume: "high", notes: "Brands with a broad base to move up the ladder passive → active → advocate (loyalty programmes, memberships)." },
    kpis: ["engagementRate", "repeatPurchaseRate", "retentionRate", "nps"],
    feedback: ["nps"],
    playbook: playbook([
      ["awareness", ["social_post", "content_article"], ["social", "web"], ["targeted campaigns for passive customers", "informative content"]],
      ["consideration", ["targeted_email", "recommendation"], ["email", "web"], ["personalised offer to take the first step"]],
      ["conversion", ["checkout", "welcome_email"], ["web", "email"], ["first-purchase welcome and ladder explanation"]],
      ["retention", ["loyalty_program", "lifecycle_email", "satisfaction_survey"], ["mobile_app", "email"], ["tier rewards for active customers", "exclusive offers", "solicit feedback"]],
      ["advocacy", ["referral_program", "social_group", "customer_story"], ["web", "social"], ["referral programme for advocates", "recognise advocates publicly", "share user-generated content"]],
    ]),
    // 4 emails, tier rewards 0.50 a month, loyalty platform share 0.20.
    cost: cost("month", [
      ["automated emails (4 × 0.005)", 4 * EMAIL],
      ["tier rewards", 0.5],
      ["loyalty platform share", 0.2],
    ]),
  }),
  model({
    id: "omnichannel",
    version: 1,
    name: "Omnichannel",
    kind: "omnichannel",
    touchLevel: "low",
    automationLevel: "assisted",
    channels: ["web", "mobile_app", "email", "sms", "chat", "phone", "social", "in_store", "voice_assistant"],
    // About three touches a month on the customer's channel of choice; at most 10 across all channels together.
    cadence: { period: "month", target: 3, cap: 10 },
    ownerRole: "support_agent",
    valueProposition: "One consistent conversation across web, app, store, phone and social: start on one channel, continue on another without repeating yourself.",
    bestFor: { markets: ["B2C"], dealSize: "mid", volume: "high", notes: "Retailers and services present online and offline whose customers switch channels." },
    kpis: ["csat", "ces", "retentionRate", "responseTime", "conversionRate"],
    feedback: ["csat", "ces"],
    playbook: playbook([
      ["awareness", ["social_post", "search_ad"], ["social", "web"], ["unified brand voice across channels"]],
      ["consideration", ["product_page", "store_visit", "support_chat"], ["web", "in_store", "chat"], ["consistent information online and in store", "chat that knows the web session"]],
      ["conversion", ["checkout", "app_checkout", "store_visit"], ["web", "mobile_app", "in_store"], ["buy online, pick up in store", "cart shared across devices"]],
      ["retention", ["support_chat", "sms_reminder", "voice_reorder", "in_app_message"], ["chat", "sms", "voice_assistant", "mobile_app"], ["service on any channel with the full history (CRM)", "re-order by voice"]],
      ["advocacy", ["social_group", "review_request"], ["social", "email"], ["answer reviews on every platform"]],
    ]),
    // CRM/CDP integration share 0.80, 6 SMS/email/push at ~0.01, 0.16 assisted contacts × 5.
    cost: cost("month", [
      ["CRM and customer-data platform share", 0.8],
      ["messages across channels (6 × 0.01)", 6 * SMS_PUSH],
      ["assisted contacts (0.16 × 5)", 0.16 * AGENT_CONTACT],
    ]),
  }),
  model({
    id: "self_service",
    version: 1,
    name: "Self-service",
    kind: "self_service",
    touchLevel: "tech",
    automationLevel: "automated",
    channels: ["web", "chat", "email"],
    // Outbound: a monthly help digest; the customer starts the rest. At most 4 a month.
    cadence: { period: "month", target: 1, cap: 4 },
    ownerRole: "support_agent",
    valueProposition: "Answers whenever the customer wants them: a knowledge base, FAQ and chatbot, with easy access to a person when needed.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "low", volume: "high", notes: "Routine questions at volume; reduces the support team's workload." },
    kpis: ["selfServiceDeflectionRate", "ces", "csat", "responseTime"],
    feedback: ["ces", "csat"],
    playbook: playbook([
      ["awareness", ["content_article"], ["web"], ["searchable how-to content"]],
      ["consideration", ["help_center", "chatbot"], ["web", "chat"], ["FAQ on pricing and fit", "chatbot for pre-sales questions"]],
      ["conversion", ["checkout", "help_center"], ["web"], ["self-serve sign-up and checkout"]],
      ["retention", ["help_center", "chatbot", "newsletter"], ["web", "chat", "email"], ["keep the knowledge base current", "escalate to live support on request", "monthly help digest"]],
      ["advocacy", ["community_forum", "review_request"], ["web", "email"], ["let customers answer each other", "review request"]],
    ]),
    // Knowledge base and chatbot share 0.15; escalations: 0.06 assisted contacts × 5 = 0.30.
    cost: cost("month", [
      ["knowledge base and chatbot share", 0.15],
      ["escalated contacts (0.06 × 5)", 0.06 * AGENT_CONTACT],
    ]),
  }),
  model({
    id: "personalized",
    version: 1,
    name: "Personalized",
    kind: "personalized",
    touchLevel: "tech",
    automationLevel: "automated",
    channels: ["email", "web", "mobile_app", "push"],
    // A weekly personalised message; at most 10 a month.
    cadence: { period: "month", target: 4, cap: 10 },
    ownerRole: "marketing_automation",
    valueProposition: "Offers, content and service tailored to the customer's own preferences, behaviour and history.",
    bestFor: { markets: ["B2C"], dealSize: "mid", volume: "high", notes: "Businesses with rich behavioural data and a catalogue wide enough to personalise." },
    kpis: ["clickThroughRate", "conversionRate", "repeatPurchaseRate", "clv"],
    feedback: ["csat"],
    playbook: playbook([
      ["awareness", ["search_ad", "social_post"], ["web", "social"], ["lookalike audiences"]],
      ["consideration", ["recommendation", "targeted_email"], ["web", "email"], ["recommendations from browsing history", "tailored email content"]],
      ["conversion", ["checkout", "app_checkout"], ["web", "mobile_app"], ["personalised bundles at checkout"]],
      ["retention", ["recommendation", "push_offer", "lifecycle_email"], ["web", "push", "email"], ["next-best-offer by behaviour", "birthday and anniversary messages"]],
      ["advocacy", ["referral_program", "review_request"], ["web", "email"], ["personal referral link"]],
    ]),
    // Recommendation engine share 0.50, 8 emails, customer-data platform share 0.30.
    cost: cost("month", [
      ["recommendation engine share", 0.5],
      ["automated emails (8 × 0.005)", 8 * EMAIL],
      ["customer-data platform share", 0.3],
    ]),
  }),
  model({
    id: "proactive",
    version: 1,
    name: "Proactive",
    kind: "proactive",
    touchLevel: "low",
    automationLevel: "assisted",
    channels: ["email", "phone", "sms", "iot_device"],
    // A monthly proactive tip or alert; at most 4 (one a week) so alerts stay credible.
    cadence: { period: "month", target: 1, cap: 4 },
    ownerRole: "support_agent",
    valueProposition: "Problems solved before the customer notices them: renewal reminders, usage alerts, tips and tutorials at the right moment.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "mid", volume: "mid", notes: "Subscriptions and connected products whose data shows trouble (low usage, expiring plans) early." },
    kpis: ["churnRate", "retentionRate", "csat", "responseTime"],
    feedback: ["csat"],
    playbook: playbook([
      ["awareness", ["content_article"], ["web"], ["educational content on common problems"]],
      ["consideration", ["webinar", "help_center"], ["web"], ["tutorials before purchase"]],
      ["conversion", ["welcome_email", "onboarding_call"], ["email", "phone"], ["setup tips before the first problem"]],
      ["retention", ["usage_alert", "renewal_reminder", "device_notice", "check_in_call"], ["email", "iot_device", "phone"], ["alert on dropping usage", "renewal reminder with an offer", "call when a device reports a fault"]],
      ["advocacy", ["satisfaction_survey", "review_request"], ["email"], ["follow up on solved issues with a survey"]],
    ]),
    // Monitoring and alerting share 0.20, 0.12 outreach calls × 5 = 0.60, 2 emails.
    cost: cost("month", [
      ["monitoring and alerting share", 0.2],
      ["proactive outreach calls (0.12 × 5)", 0.12 * AGENT_CONTACT],
      ["alert emails (2 × 0.005)", 2 * EMAIL],
    ]),
  }),
  model({
    id: "community",
    version: 1,
    name: "Community",
    kind: "community",
    touchLevel: "low",
    automationLevel: "assisted",
    channels: ["web", "social", "in_store", "email"],
    // A community digest and an event or discussion prompt: 2 a month; at most 8.
    cadence: { period: "month", target: 2, cap: 8 },
    ownerRole: "community_manager",
    valueProposition: "A place to meet other customers, share experiences and be recognised: belonging beyond the transaction.",
    bestFor: { markets: ["B2B", "B2C"], dealSize: "any", volume: "high", notes: "Brands with enthusiasts or practitioners who want to talk to each other (forums, groups, events)." },
    kpis: ["engagementRate", "retentionRate", "nps", "selfServiceDeflectionRate"],
    feedback: ["nps"],
    playbook: playbook([
      ["awareness", ["social_post", "word_of_mouth"], ["social"], ["share user-generated content"]],
      ["consideration", ["community_forum", "customer_story"], ["web"], ["let prospects read real discussions"]],
      ["conversion", ["welcome_email", "checkout"], ["email", "web"], ["invite new customers to the community"]],
      ["retention", ["community_forum", "social_group", "brand_event"], ["web", "social", "in_store"], ["facilitate discussions", "brand-sponsored events", "recognise active members"]],
      ["advocacy", ["brand_event", "customer_story", "social_group"], ["in_store", "web", "social"], ["member spotlights", "ambassador programme"]],
    ]),
    // A community manager at 5,000/month per 5,000 members = 1.00, platform 0.30, events 0.50.
    cost: cost("month", [
      ["community manager share (5,000 / 5,000 members)", 1],
      ["community platform share", 0.3],
      ["events and recognition", 0.5],
    ]),
  }),
]);

const byId = new Map(engagementModelCatalog.map((m) => [m.id, m] as const));

/**
 * The catalog model with id `id` (`"high_touch"`, `"csm"`, …), or `undefined`
 * for an id the catalog does not have.
 *
 * @category Models
 * @example
 * catalogModel("csm")?.cadence // => { period: "quarter", target: 4, cap: 12 }
 * catalogModel("nope") // => undefined
 */
export function catalogModel(id: string): EngagementModel | undefined {
  return byId.get(id);
}
