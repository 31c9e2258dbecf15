// Only the parts of Apache ECharts the dashboard uses (tree-shaken by Vite): five chart kinds,
// their components and the canvas renderer.
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption, VisualMapComponentOption } from "echarts/components";
import { init, use, type ComposeOption, type ECharts } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;
export type { ECharts };

/**
 * Draws an option into a container. Tooltips render as canvas rich text: ECharts' HTML
 * tooltips carry inline style attributes, which the server's CSP (no 'unsafe-inline') refuses.
 */
export function draw(container: HTMLElement, option: ChartOption, tooltip: TooltipComponentOption): ECharts {
  const chart = init(container, undefined, { renderer: "canvas" });
  chart.setOption({ animation: false, textStyle: { fontFamily: "system-ui, sans-serif" }, ...option, tooltip: { ...tooltip, renderMode: "richText" } });
  return chart;
}

/** Categorical colours (ECharts' default palette, first five), shared so legends match across charts. */
export const COLORS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de"] as const;
