/**
 * An engagement model as typed, JSON-serialisable data: how a business serves
 * the customers assigned to it — how much human touch, through which channels,
 * how often, by whom, with what promise, judged by which KPIs, and what it does
 * at each journey stage (its playbook).
 *
 * The twelve models of the field are in {@link engagementModelCatalog}; custom
 * models are checked with {@link validateEngagementModel} against the same
 * rules. A model is versioned: a change is a new version
 * ({@link reviseEngagementModel}), and assignments record the version they used.
 */
export interface EngagementModel {
  /** Stable key, lower snake case: `"high_touch"`, `"csm"`, `"my_vip_desk"`. */
  readonly id: string;
  /** 1 for the first version; each revision adds 1. */
  readonly version: number;
  readonly name: string;
  /** What kind of model this is (the catalog's twelve, or `"custom"`). */
  readonly kind: EngagementModelKind;
  readonly touchLevel: TouchLevel;
  readonly automationLevel: AutomationLevel;
  /** Channel ids (see `ChannelRegistry`) the model uses by default. */
  readonly channels: readonly string[];
  readonly cadence: ContactCadence;
  readonly ownerRole: OwnerRole;
  /** What the customer gets from this model, in one or two sentences. */
  readonly valueProposition: string;
  readonly bestFor: BestFor;
  /** Metric ids that judge the model (`"nps"`, `"csat"`, `"retentionRate"`, `"repeatPurchaseRate"`, `"clv"`…). */
  readonly kpis: readonly string[];
  /** Survey keys whose answers judge the model (feedback mechanisms); may be empty. */
  readonly feedback: readonly string[];
  /** Per journey stage: the touchpoints and channels used and the actions taken. */
  readonly playbook: readonly PlaybookEntry[];
  /** Cost to serve one customer for one period. */
  readonly cost: CostToServe;
  readonly description?: string;
}

/** The twelve model kinds of the seeds, plus `"custom"`. */
export type EngagementModelKind =
  | "high_touch"
  | "low_touch"
  | "customer_success_manager"
  | "automated_retention"
  | "hybrid"
  | "customer_journey"
  | "engagement_ladder"
  | "omnichannel"
  | "self_service"
  | "personalized"
  | "proactive"
  | "community"
  | "custom";

/**
 * How much human contact the model gives: `high` (a named person, one-to-one),
 * `low` (people on demand, mostly one-to-many), `tech` (no person by default:
 * automation and self-service). Ordered high > low > tech for assignment.
 */
export type TouchLevel = "high" | "low" | "tech";

/** How much of the contact is automated. */
export type AutomationLevel = "manual" | "assisted" | "automated";

/** Who owns the relationship in this model. */
export type OwnerRole = "account_manager" | "csm" | "support_agent" | "marketing_automation" | "community_manager";

/** A period for cadences and costs. */
export type CadencePeriod = "week" | "month" | "quarter" | "year";

/** Engagement frequency: how many contacts per period the model aims at, and never exceeds. */
export interface ContactCadence {
  readonly period: CadencePeriod;
  /** Contacts per period the model aims for (≥ 0). */
  readonly target: number;
  /** Contacts per period it never exceeds (≥ target). */
  readonly cap: number;
}

/** The seeds' "best for" guidance made explicit. */
export interface BestFor {
  readonly markets: readonly ("B2B" | "B2C")[];
  /** Typical value of one customer for which the model pays off. */
  readonly dealSize: "low" | "mid" | "high" | "any";
  /** Number of customers the model can serve economically. */
  readonly volume: "low" | "mid" | "high" | "any";
  readonly notes: string;
}

/** What the model does at one journey stage. */
export interface PlaybookEntry {
  /** Journey stage id (`"awareness"` … `"advocacy"`, or a stage of the workspace's journey map). */
  readonly stage: string;
  /** Touchpoint ids (must be known to the journey map, when one is given to validation). */
  readonly touchpoints: readonly string[];
  /** Channel ids (must be known to the channel registry). */
  readonly channels: readonly string[];
  /** Actions, in plain words: `"quarterly business review"`, `"welcome email series"`. */
  readonly actions: readonly string[];
}

/** Cost to serve one customer for one `period`, with its parts (e.g. CSM salary share, messages). */
export interface CostToServe {
  readonly period: CadencePeriod;
  /** Total per customer per period (≥ 0), the sum of `components` when they are given. */
  readonly perCustomer: number;
  readonly components?: readonly CostComponent[];
}

/** One part of a model's cost to serve. */
export interface CostComponent {
  readonly label: string;
  /** Per customer per period (≥ 0). */
  readonly amount: number;
}
