// Cohort retention as a heatmap: one row per acquisition cohort (oldest on top), one column per
// period since acquisition, the share ordering again in each cell. The colour scale stops at the
// highest share after period 0, which is 100% by definition and would wash the rest out.
import type { DashboardData } from "../api.js";
import type { ChartOption } from "../echarts.js";
import { percent } from "../format.js";

type Matrix = NonNullable<DashboardData["cohortRetention"]>;

/** The heatmap's cells: [period k, cohort row, share]. */
export function cohortCells(matrix: Matrix): [number, number, number][] {
  return matrix.rows.flatMap((row, r) => row.shares.map((share, k) => [k, r, share] as [number, number, number]));
}

export function cohortChart(matrix: Matrix): ChartOption {
  const periods = Math.max(0, ...matrix.rows.map((r) => r.shares.length));
  const later = matrix.rows.flatMap((r) => r.shares.slice(1));
  const top = Math.max(0.01, ...later);
  const unit = matrix.period.toLowerCase();
  return {
    title: { text: `Retention by ${unit} cohort (${matrix.mode.toLowerCase()}): share ordering again`, left: 8, top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 120, right: 24, top: 40, bottom: 84 },
    xAxis: { type: "category", data: Array.from({ length: periods }, (_, k) => String(k)), name: `${unit}s since first order`, nameLocation: "middle", nameGap: 28, splitArea: { show: true } },
    yAxis: { type: "category", inverse: true, data: matrix.rows.map((r) => `${r.cohort} (n=${r.size})`), splitArea: { show: true } },
    visualMap: { type: "continuous", min: 0, max: top, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 240, text: [`${percent(top, 0)} and more`, "share 0%"], inRange: { color: ["#f7fbff", "#6baed6", "#08306b"] } },
    series: [
      {
        name: "Retention",
        type: "heatmap",
        data: cohortCells(matrix),
        label: { show: true, fontSize: 10, formatter: (p: { value: unknown }) => percent((p.value as number[])[2] ?? 0, 0) },
        itemStyle: { borderColor: "#fff", borderWidth: 1 },
      },
    ],
  };
}
