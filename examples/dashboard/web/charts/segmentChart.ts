// Segment sizes: one horizontal bar per stored segment, largest on top.
import type { DashboardData } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { COLORS } from "../echarts.js";

export function segmentChart(data: DashboardData): ChartOption {
  const segments = data.segments.edges.map((e) => e.node).sort((a, b) => b.memberCount - a.memberCount || a.name.localeCompare(b.name));
  return {
    title: { text: `Segment sizes (${data.segments.totalCount} segments, current members)`, left: 8, top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 170, right: 56, top: 36, bottom: 40 },
    xAxis: { type: "value", name: "members", nameLocation: "middle", nameGap: 26, minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: segments.map((s) => s.name), axisLabel: { interval: 0 } },
    series: [{ name: "Members", type: "bar", data: segments.map((s) => s.memberCount), itemStyle: { color: COLORS[4] }, label: { show: true, position: "right" } }],
  };
}
