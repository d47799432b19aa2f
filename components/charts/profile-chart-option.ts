import type { EChartsCoreOption } from "echarts/core";

/** Short numbers for axis labels: 1234567 → 1.23M, 0.000123 → 1.23e-4. */
export function shortNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-3)) return v.toExponential(2);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

/** A numeric column's histogram: one bar per bin, labelled by its lower edge. */
export function histogramOption(histogram: { edges: number[]; counts: number[] }): EChartsCoreOption {
  const { edges, counts } = histogram;
  const labels = counts.map((_c, i) => `${shortNumber(edges[i]!)} – ${shortNumber(edges[i + 1]!)}`);
  return {
    animation: false,
    grid: { left: 48, right: 8, top: 8, bottom: 28 },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      data: labels,
      axisLabel: { formatter: (_v: string, i: number) => shortNumber(edges[i]!), fontSize: 10 },
    },
    yAxis: { type: "value", axisLabel: { formatter: shortNumber, fontSize: 10 } },
    series: [
      { type: "bar", data: counts.map((c) => Math.round(c)), barCategoryGap: "4%", itemStyle: { color: "#0369a1" } },
    ],
  };
}

/** A column's most frequent values as horizontal bars, the most frequent on top. */
export function topValuesOption(values: { value: string; count: number }[]): EChartsCoreOption {
  const shown = [...values].reverse();
  return {
    animation: false,
    grid: { left: 96, right: 16, top: 8, bottom: 20 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", axisLabel: { formatter: shortNumber, fontSize: 10 } },
    yAxis: {
      type: "category",
      data: shown.map((v) => (v.value.length > 14 ? `${v.value.slice(0, 13)}…` : v.value)),
      axisLabel: { fontSize: 10 },
    },
    series: [{ type: "bar", data: shown.map((v) => v.count), itemStyle: { color: "#047857" } }],
  };
}
