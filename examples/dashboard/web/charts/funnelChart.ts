// The funnel, in two grids on one step axis. Above: customers reaching each step, with those lost
// since the previous step stacked on top (so each column is as tall as the step before). Below:
// the median time from the previous step, from a two-step funnel of each pair (its time to
// convert), in minutes.
import type { DashboardData, Funnel } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { COLORS } from "../echarts.js";
import { duration, percent } from "../format.js";

/** Median minutes from the previous step, per step (null for the first, or when no one converted). */
export function medianMinutesBetween(data: DashboardData): (number | null)[] {
  return [null, ...data.between.map((b) => (b?.timeToConvert ? b.timeToConvert.median / 60_000 : null))];
}

export function funnelChart(data: DashboardData, funnel: Funnel): ChartOption {
  const minutes = medianMinutesBetween(data);
  const names = funnel.steps.map((s) => s.name);
  const labels = funnel.steps.map((s, i) => {
    const conv = s.conversionFromPrevious;
    const iv = s.conversionFromPreviousInterval;
    return i === 0 ? `${s.name}\n${s.count} entered` : `${s.name}\n${conv === null ? "–" : percent(conv, 0)} of previous${iv ? `\n(${percent(iv.lower, 0)}–${percent(iv.upper, 0)})` : ""}`;
  });
  const level = funnel.steps.find((s) => s.conversionFromPreviousInterval)?.conversionFromPreviousInterval?.level ?? 0.95;
  return {
    title: [
      { text: `Funnel: ${funnel.entered} OTTO shoppers, 28-day window (${Math.round(level * 100)}% intervals)`, left: 8, top: 0, textStyle: { fontSize: 13 } },
      { text: "Median time from the previous step", left: 8, top: "68%", textStyle: { fontSize: 12, fontWeight: "normal" } },
    ],
    legend: { data: ["Reached", "Dropped off"], right: 8, top: 22 },
    grid: [
      { left: 48, right: 16, top: 56, height: "38%" },
      { left: 48, right: 16, top: "76%", bottom: 12 },
    ],
    xAxis: [
      { type: "category", gridIndex: 0, data: labels, axisLabel: { interval: 0, lineHeight: 14 } },
      { type: "category", gridIndex: 1, data: names, axisLabel: { show: false }, axisTick: { show: false } },
    ],
    yAxis: [
      { type: "value", gridIndex: 0, name: "customers", nameLocation: "middle", nameGap: 30, minInterval: 1 },
      { type: "value", gridIndex: 1, name: "min", nameLocation: "middle", nameGap: 30, splitNumber: 2 },
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
        type: "bar",
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: minutes,
        barWidth: "45%",
        itemStyle: { color: COLORS[2] },
        label: { show: true, position: "top", formatter: (p: { dataIndex: number; value: unknown }) => (typeof p.value === "number" ? `${duration(p.value * 60_000)} (n = ${data.between[p.dataIndex - 1]?.timeToConvert?.n ?? 0})` : "") },
      },
    ],
  };
}
