// The dashboard's two GraphQL requests and the shape of their answers. The funnel's steps and the
// holdout period are the demo's (src/demoSetup.ts): OTTO's sessions and CDNOW's holdout.

export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}
export interface Duration {
  readonly n: number;
  readonly median: number;
}
export interface FunnelStep {
  readonly id: string;
  readonly name: string;
  readonly count: number;
  readonly conversionFromPrevious: number | null;
  readonly conversionFromPreviousInterval: Interval | null;
  readonly dropOff: number;
  readonly dropOffRate: number | null;
}
export interface Funnel {
  readonly entered: number;
  readonly steps: readonly FunnelStep[];
}
export interface Metric {
  readonly n: number;
  readonly estimate: number | null;
  readonly interval: Interval | null;
  readonly reason: string | null;
}
export interface DashboardData {
  readonly csat: { readonly share: number | null; readonly shareInterval: Interval | null; readonly n: number; readonly skipped: number; readonly reason: string | null };
  readonly repeatPurchaseRate: { readonly rate: number; readonly interval: Interval; readonly n: number; readonly count: number } | null;
  readonly npsByMonth: readonly { readonly key: string | null; readonly nps: { readonly score: number; readonly interval: Interval; readonly n: number } | null }[];
  readonly csatByMonth: readonly { readonly key: string | null; readonly csat: { readonly share: number; readonly shareInterval: Interval; readonly n: number } | null }[];
  readonly funnel: Funnel | null;
  /** Two-step funnels of each pair of consecutive steps: their time to convert is the time between them. */
  readonly between: readonly ({ readonly entered: number; readonly timeToConvert: Duration | null } | null)[];
  readonly cohortRetention: { readonly period: string; readonly mode: string; readonly rows: readonly { readonly cohort: string; readonly size: number; readonly counts: readonly number[]; readonly shares: readonly number[] }[] } | null;
  readonly segments: { readonly totalCount: number; readonly edges: readonly { readonly node: { readonly key: string; readonly name: string; readonly memberCount: number } }[] };
  /** The report, or the API's reason for refusing it (no stored assignments). */
  readonly modelEffectiveness: Report | string;
}
export interface Report {
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly level: number;
  readonly reference: string;
  readonly models: readonly { readonly model: string; readonly n: number; readonly retention: Metric; readonly repeatPurchase: Metric; readonly revenue: Metric }[];
  readonly warnings: readonly string[];
}

const INTERVAL = "{ lower upper level }";
const STEP = (s: { id: string; name: string; match: { type: readonly string[]; touchpoint: readonly string[] } }) =>
  `{ id: ${JSON.stringify(s.id)}, name: ${JSON.stringify(s.name)}, match: { type: ${JSON.stringify(s.match.type)}, touchpoint: ${JSON.stringify(s.match.touchpoint)} } }`;

export const FUNNEL_STEPS = [
  { id: "click", name: "Product click", match: { type: ["page_view"], touchpoint: ["otto_product_page"] } },
  { id: "cart", name: "Add to cart", match: { type: ["add_to_cart"], touchpoint: ["otto_cart"] } },
  { id: "order", name: "Order", match: { type: ["purchase"], touchpoint: ["otto_checkout"] } },
] as const;
export const FUNNEL_WINDOW_HOURS = 28 * 24;
export const HOLDOUT = { from: "1997-10-01T00:00:00Z", to: "1998-07-01T00:00:00Z" } as const;

/** The whole dashboard in one request (aliases for the pairwise funnels). */
export function dashboardQuery(): string {
  const pairs = FUNNEL_STEPS.slice(1).map(
    (step, i) => `between${i}: funnel(input: { steps: [${STEP(FUNNEL_STEPS[i] ?? step)}, ${STEP(step)}], windowHours: ${FUNNEL_WINDOW_HOURS} }) { entered timeToConvert { n median } }`,
  );
  return `{
  csat(filter: { survey: "nhs-fft" }) { share shareInterval ${INTERVAL} n skipped reason }
  repeatPurchaseRate { rate interval ${INTERVAL} n count }
  npsByMonth: npsBreakdown(by: MONTH, filter: { survey: "nhs-fft" }) { key nps { score interval ${INTERVAL} n } }
  csatByMonth: csatBreakdown(by: MONTH, filter: { survey: "nhs-fft" }) { key csat { share shareInterval ${INTERVAL} n } }
  funnel(input: { steps: [${FUNNEL_STEPS.map(STEP).join(", ")}], windowHours: ${FUNNEL_WINDOW_HOURS} }) {
    entered steps { id name count conversionFromPrevious conversionFromPreviousInterval ${INTERVAL} dropOff dropOffRate }
  }
  ${pairs.join("\n  ")}
  cohortRetention(period: MONTH) { period mode rows { cohort size counts shares } }
  segments(first: 100) { totalCount edges { node { key name memberCount } } }
}`;
}

/** Model effectiveness apart: the API refuses it (an error, no data) before any assignment is stored. */
export const EFFECTIVENESS_QUERY = `{
  modelEffectiveness(period: { from: "${HOLDOUT.from}", to: "${HOLDOUT.to}" }, by: MODEL) {
    from to n level reference warnings
    models {
      model n
      retention { n estimate interval ${INTERVAL} reason }
      repeatPurchase { n estimate interval ${INTERVAL} reason }
      revenue { n estimate interval ${INTERVAL} reason }
    }
  }
}`;

/** Runs the query against this origin's /graphql; the API's own errors become the thrown message. */
async function gql<T>(query: string): Promise<T> {
  const res = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new Error(`no data (HTTP ${res.status})`);
  return body.data;
}

export async function loadDashboard(): Promise<DashboardData> {
  const [data, effectiveness] = await Promise.all([
    gql<Omit<DashboardData, "between" | "modelEffectiveness"> & Record<string, unknown>>(dashboardQuery()),
    gql<{ modelEffectiveness: Report }>(EFFECTIVENESS_QUERY).then(
      (d) => d.modelEffectiveness,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    ),
  ]);
  const between = FUNNEL_STEPS.slice(1).map((_, i) => (data[`between${i}`] ?? null) as DashboardData["between"][number]);
  return { ...data, between, modelEffectiveness: effectiveness };
}
