// The dashboard: one GraphQL request, five charts. Each chart's instance is exposed on
// `window.engagekitDashboard.charts` so a test (or a curious reader in the console) can read
// back exactly what was plotted (`chart.getOption().series`).
import { loadDashboard, type DashboardData } from "./api.js";
import { cohortChart } from "./charts/cohortChart.js";
import { funnelChart } from "./charts/funnelChart.js";
import { modelChart } from "./charts/modelChart.js";
import { segmentChart } from "./charts/segmentChart.js";
import { trendChart, trendTooltip } from "./charts/trendChart.js";
import { draw, type ChartOption, type ECharts } from "./echarts.js";
import { intervalText, percent } from "./format.js";
import type { TooltipComponentOption } from "echarts/components";

declare global {
  interface Window {
    engagekitDashboard?: { charts: Record<string, ECharts>; empty: Record<string, string>; data: DashboardData };
  }
}

const el = (selector: string) => {
  const node = document.querySelector<HTMLElement>(selector);
  if (!node) throw new Error(`missing ${selector} in index.html`);
  return node;
};
const show = (id: string, text: string) => void (el(`[data-testid="${id}"]`).textContent = text);

/** Draws a chart, or says why there is none (never an empty frame that looks like zero). */
function chart(id: string, option: ChartOption | string, caption: string, tooltip: TooltipComponentOption, state: NonNullable<Window["engagekitDashboard"]>) {
  const container = el(`[data-chart="${id}"]`);
  // A caption explains what is drawn; with nothing drawn the message stands alone.
  el(`[data-caption="${id}"]`).textContent = typeof option === "string" ? "" : caption;
  if (typeof option === "string") {
    container.classList.add("empty");
    container.textContent = option;
    state.empty[id] = option;
    return;
  }
  state.charts[id] = draw(container, option, tooltip);
}

type AxisParam = { name?: string; axisValue?: string };

function render(data: DashboardData) {
  const state: NonNullable<Window["engagekitDashboard"]> = { charts: {}, empty: {}, data };
  if (data.csat.share !== null && data.csat.shareInterval) {
    show("csat-share", percent(data.csat.share));
    show("csat-detail", `${intervalText(data.csat.shareInterval, percent)} (${Math.round(data.csat.shareInterval.level * 100)}% interval), n = ${data.csat.n}, ${data.csat.skipped} "don't know" not counted`);
  } else show("csat-share", `no answers (${data.csat.reason ?? "none"})`);
  if (data.repeatPurchaseRate) {
    show("repeat-rate", percent(data.repeatPurchaseRate.rate));
    show("repeat-detail", `${intervalText(data.repeatPurchaseRate.interval, percent)}, ${data.repeatPurchaseRate.count} of ${data.repeatPurchaseRate.n} buyers ordered again`);
  } else show("repeat-rate", "no orders");

  const tip = trendTooltip(data);
  chart(
    "trend",
    data.npsByMonth.length + data.csatByMonth.length === 0 ? "No NPS or CSAT answers yet." : trendChart(data),
    "NHS FFT answers: NPS through the FFT net-score mapping, CSAT as the top-2-box share; each month with its own n, so thin months show wide bands.",
    { trigger: "axis", formatter: (p: unknown) => tip((p as AxisParam[])[0]?.axisValue ?? (p as AxisParam[])[0]?.name ?? "") },
    state,
  );
  chart(
    "funnel",
    data.funnel ? funnelChart(data, data.funnel) : "No interactions recorded: no funnel.",
    "Ordered funnel over OTTO's real sessions (a session as a customer). Conversion from the previous step with its Wilson interval; the median time between steps is each pair's own two-step funnel (converters only).",
    { trigger: "item" },
    state,
  );
  chart(
    "segments",
    data.segments.edges.length === 0 ? "No segments stored." : segmentChart(data),
    "Stored segments (the core's RFM grid as of the last value refresh), current member counts.",
    { trigger: "item" },
    state,
  );
  chart(
    "cohorts",
    data.cohortRetention && data.cohortRetention.rows.length > 0 ? cohortChart(data.cohortRetention) : "No orders: no cohorts.",
    "CDNOW customers by month of first order; a cell is the share of the cohort that ordered in that month after acquisition.",
    { trigger: "item" },
    state,
  );
  const report = data.modelEffectiveness;
  chart(
    "models",
    typeof report === "string" ? `No model effectiveness: ${report}` : report.n === 0 ? "No engagement-model assignments stored." : modelChart(report),
    typeof report === "string" ? "" : `Customers by their stored model (reference: ${report.reference}). Models got different customers by design: read differences as association, not uplift.`,
    { trigger: "item" },
    state,
  );
  if (typeof report !== "string" && report.warnings.length > 0) {
    const list = document.createElement("ul");
    list.className = "warnings";
    list.append(...report.warnings.map((w) => Object.assign(document.createElement("li"), { textContent: w })));
    el('[data-caption="models"]').append(list);
  }
  window.engagekitDashboard = state;
  addEventListener("resize", () => Object.values(state.charts).forEach((c) => c.resize()));
  const status = el("#status");
  status.textContent = `Loaded: ${data.csatByMonth.length} months of answers, ${data.funnel?.entered ?? 0} shoppers in the funnel, ${data.cohortRetention?.rows.length ?? 0} cohorts, ${data.segments.totalCount} segments, ${typeof report === "string" ? 0 : report.models.length} engagement models.`;
  status.dataset["state"] = "ready";
}

loadDashboard()
  .then(render)
  .catch((err: unknown) => {
    const status = el("#status");
    status.textContent = `Could not load the dashboard: ${err instanceof Error ? err.message : String(err)}`;
    status.className = "error";
    status.dataset["state"] = "error";
  });
