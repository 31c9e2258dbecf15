// NPS and CSAT by month, each with its interval as a band: two grids on one month axis.
// A band is ECharts' stacked-area idiom: an invisible lower line, then the width (upper − lower)
// stacked on it and filled.
import type { DashboardData, Interval } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { COLORS } from "../echarts.js";
import { monthRange, percent } from "../format.js";

type Point = { value: number; interval: Interval; n: number } | null;

function band(name: string, stack: string, points: readonly Point[], color: string, axis: number) {
  return [
    { name: `${name} lower bound`, type: "line" as const, stack, xAxisIndex: axis, yAxisIndex: axis, data: points.map((p) => p?.interval.lower ?? null), symbol: "none", lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
    {
      name: `${name} interval`,
      type: "line" as const,
      stack,
      xAxisIndex: axis,
      yAxisIndex: axis,
      data: points.map((p) => (p ? p.interval.upper - p.interval.lower : null)),
      symbol: "none",
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.22 },
      silent: true,
      tooltip: { show: false },
    },
    { name, type: "line" as const, xAxisIndex: axis, yAxisIndex: axis, data: points.map((p) => p?.value ?? null), symbolSize: 6, itemStyle: { color }, lineStyle: { color, width: 2 } },
  ];
}

export function trendChart(data: DashboardData): ChartOption {
  const nps = new Map(data.npsByMonth.flatMap((g) => (g.key !== null && g.nps ? [[g.key, { value: g.nps.score, interval: g.nps.interval, n: g.nps.n }] as const] : [])));
  const csat = new Map(data.csatByMonth.flatMap((g) => (g.key !== null && g.csat ? [[g.key, { value: g.csat.share, interval: g.csat.shareInterval, n: g.csat.n }] as const] : [])));
  const months = monthRange([...nps.keys(), ...csat.keys()]);
  const npsPoints = months.map((m) => nps.get(m) ?? null);
  const csatPoints = months.map((m) => csat.get(m) ?? null);
  const level = data.npsByMonth.find((g) => g.nps)?.nps?.interval.level ?? 0.95;
  const axisX = (gridIndex: number, show: boolean) => ({ type: "category" as const, gridIndex, data: months, boundaryGap: false, axisLabel: { show }, axisTick: { alignWithLabel: true } });
  return {
    title: [
      { text: `NPS by month (${Math.round(level * 100)}% interval band)`, left: 8, top: 0, textStyle: { fontSize: 13 } },
      { text: "CSAT by month, top-2-box share", left: 8, top: "50%", textStyle: { fontSize: 13 } },
    ],
    legend: { data: ["NPS", "CSAT"], right: 8, top: 0 },
    // Hovering a month in either plot points at it in both.
    axisPointer: { link: [{ xAxisIndex: "all" }] },
    grid: [
      // Fixed margins (no label-driven bounds), so both plots share one month axis position.
      { left: 64, right: 24, top: 36, height: "32%", outerBoundsMode: "none" },
      { left: 64, right: 24, top: "58%", height: "32%", outerBoundsMode: "none" },
    ],
    xAxis: [axisX(0, false), { ...axisX(1, true), name: "month answered", nameLocation: "middle", nameGap: 28 }],
    yAxis: [
      { type: "value", gridIndex: 0, name: "NPS", nameLocation: "middle", nameGap: 40, scale: true },
      { type: "value", gridIndex: 1, name: "CSAT", nameLocation: "middle", nameGap: 44, scale: true, axisLabel: { formatter: (v: number) => percent(v, 0) } },
    ],
    series: [...band("NPS", "nps", npsPoints, COLORS[0], 0), ...band("CSAT", "csat", csatPoints, COLORS[1], 1)],
  };
}

/** The tooltip of one month: both metrics with their interval and n. */
export function trendTooltip(data: DashboardData) {
  const byMonth = new Map<string, string[]>();
  for (const g of data.npsByMonth) if (g.key && g.nps) byMonth.set(g.key, [`NPS ${g.nps.score.toFixed(1)} (${g.nps.interval.lower.toFixed(1)} – ${g.nps.interval.upper.toFixed(1)}), n = ${g.nps.n}`]);
  for (const g of data.csatByMonth)
    if (g.key && g.csat) byMonth.set(g.key, [...(byMonth.get(g.key) ?? []), `CSAT ${percent(g.csat.share)} (${percent(g.csat.shareInterval.lower)} – ${percent(g.csat.shareInterval.upper)}), n = ${g.csat.n}`]);
  return (month: string) => [month, ...(byMonth.get(month) ?? ["no answers"])].join("\n");
}
