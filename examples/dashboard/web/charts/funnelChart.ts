// The funnel: customers reaching each step (bars), those lost since the previous step stacked
// above them (so each column is as tall as the step before), and, on a second axis, the median
// time from the previous step (from a two-step funnel of each pair: its time to convert).
import type { DashboardData, Funnel } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { COLORS } from "../echarts.js";
import { duration, percent } from "../format.js";

/** Median hours from the previous step, per step (null for the first, or when no one converted). */
export function medianHoursBetween(data: DashboardData): (number | null)[] {
  return [null, ...data.between.map((b) => (b?.timeToConvert ? b.timeToConvert.median / 3_600_000 : null))];
}

export function funnelChart(data: DashboardData, funnel: Funnel): ChartOption {
  const hours = medianHoursBetween(data);
  const labels = funnel.steps.map((s, i) => {
    const conv = s.conversionFromPrevious;
    const iv = s.conversionFromPreviousInterval;
    return i === 0 ? `${s.name}\n${s.count} customers` : `${s.name}\n${s.count} (${conv === null ? "–" : percent(conv, 0)} of previous${iv ? `, ${percent(iv.lower, 0)}–${percent(iv.upper, 0)}` : ""})`;
  });
  return {
    title: { text: `Funnel: ${funnel.entered} OTTO shoppers, 28-day window`, left: 8, top: 0, textStyle: { fontSize: 13 } },
    legend: { data: ["Reached", "Dropped off", "Median time from previous step"], right: 8, top: 24 },
    grid: { left: 56, right: 64, top: 64, bottom: 56 },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, lineHeight: 16 } },
    yAxis: [
      { type: "value", name: "customers", nameLocation: "middle", nameGap: 36, minInterval: 1 },
      { type: "value", name: "median hours", nameLocation: "middle", nameGap: 44, splitLine: { show: false } },
    ],
    series: [
      { name: "Reached", type: "bar", stack: "funnel", data: funnel.steps.map((s) => s.count), itemStyle: { color: COLORS[0] }, label: { show: true, position: "inside", color: "#fff" }, barWidth: "45%" },
      {
        name: "Dropped off",
        type: "bar",
        stack: "funnel",
        data: funnel.steps.map((s, i) => (i === 0 ? null : s.dropOff)),
        itemStyle: { color: "#f3b1b1" },
        label: { show: true, position: "inside", formatter: (p: { dataIndex: number; value: unknown }) => (p.value === null ? "" : `−${String(p.value)} (${percent(funnel.steps[p.dataIndex]?.dropOffRate ?? 0, 0)})`) },
      },
      {
        name: "Median time from previous step",
        type: "line",
        yAxisIndex: 1,
        data: hours,
        symbolSize: 10,
        itemStyle: { color: COLORS[2] },
        lineStyle: { type: "dashed" },
        label: { show: true, position: "top", formatter: (p: { value: unknown }) => (typeof p.value === "number" ? `median ${duration(p.value * 3_600_000)}` : "") },
      },
    ],
  };
}
