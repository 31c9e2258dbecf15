// Engagement-model effectiveness: per model, the holdout's retention and repeat-purchase shares
// as points with their intervals as whiskers (a custom series draws them, offset to sit on
// their point).
import type { CustomSeriesRenderItem } from "echarts";
import type { Metric, Report } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { COLORS } from "../echarts.js";
import { percent } from "../format.js";

const METRICS = [
  { key: "retention", name: "Retention (bought in the period)", offset: -14, color: COLORS[0] },
  { key: "repeatPurchase", name: "Repeat purchase (bought twice or more)", offset: 14, color: COLORS[3] },
] as const;

/** [model index, lower, upper] of one metric, for the whiskers. */
export function whiskers(report: Report, metric: "retention" | "repeatPurchase"): ([number, number, number] | null)[] {
  return report.models.map((m, i) => {
    const iv: Metric["interval"] = m[metric].interval;
    return iv ? [i, iv.lower, iv.upper] : null;
  });
}

export function modelChart(report: Report): ChartOption {
  const models = report.models.map((m) => `${m.model}\nn = ${m.n}`);
  return {
    title: { text: `Engagement models, holdout ${report.from.slice(0, 10)} – ${report.to.slice(0, 10)} (${Math.round(report.level * 100)}% intervals)`, left: 8, top: 0, textStyle: { fontSize: 13 } },
    legend: { data: METRICS.map((m) => m.name), right: 8, top: 24 },
    grid: { left: 64, right: 24, top: 64, bottom: 56 },
    xAxis: { type: "category", data: models, axisLabel: { interval: 0, lineHeight: 16 } },
    yAxis: { type: "value", min: 0, name: "share of the model's customers", nameLocation: "middle", nameGap: 42, axisLabel: { formatter: (v: number) => percent(v, 0) } },
    series: METRICS.flatMap((metric) => [
      {
        name: metric.name,
        type: "scatter" as const,
        symbolSize: 11,
        symbolOffset: [metric.offset, 0],
        itemStyle: { color: metric.color },
        data: report.models.map((m) => m[metric.key].estimate),
      },
      {
        name: `${metric.name} interval`,
        type: "custom" as const,
        silent: true,
        data: whiskers(report, metric.key).map((w) => w ?? [Number.NaN, Number.NaN, Number.NaN]),
        encode: { x: 0, y: [1, 2] },
        renderItem: whiskerRenderer(metric.offset, metric.color),
      },
    ]),
  };
}

/** Draws one whisker (lower–upper with caps), shifted by `offset` px to sit on its point. */
function whiskerRenderer(offset: number, stroke: string): CustomSeriesRenderItem {
  return (_params, api) => {
    const x = Number(api.value(0));
    if (Number.isNaN(x)) return null;
    const [lx = 0, ly = 0] = api.coord([x, Number(api.value(1))]);
    const [, uy = 0] = api.coord([x, Number(api.value(2))]);
    const cx = lx + offset;
    const style = { stroke, lineWidth: 2 };
    return {
      type: "group",
      children: [
        { type: "line", shape: { x1: cx, y1: ly, x2: cx, y2: uy }, style },
        { type: "line", shape: { x1: cx - 5, y1: ly, x2: cx + 5, y2: ly }, style },
        { type: "line", shape: { x1: cx - 5, y1: uy, x2: cx + 5, y2: uy }, style },
      ],
    };
  };
}
