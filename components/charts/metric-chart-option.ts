import type { EChartsCoreOption } from "echarts/core";
import type { TSeries, TXAxis } from "./metric-series";
import { emaSmooth } from "./smoothing";

export type TChartSettings = { xAxis: TXAxis; smoothing: number; isLogScale: boolean };

const PALETTE = [
  "#0369a1",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#be123c",
  "#0f766e",
  "#a16207",
  "#4338ca",
  "#9d174d",
  "#3f6212",
];

const X_NAMES: Record<TXAxis, string> = { step: "Step", relative: "Seconds since start", wall: "Time" };

/**
 * The ECharts option for one metric across one or more runs. With smoothing on, the raw line
 * stays faintly behind the smoothed one; downsampled series show their min-max band, so spikes
 * hidden by the mean remain visible.
 */
export function buildMetricChartOption(title: string, series: TSeries[], settings: TChartSettings): EChartsCoreOption {
  const lines = series.flatMap((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const data = (ys: (number | null)[]) =>
      s.x.map((x, j) => [x, settings.isLogScale && (ys[j] ?? 0) <= 0 ? null : ys[j]]);
    const out: object[] = [];
    if (s.low && s.high) {
      out.push(
        {
          name: `${s.name} min`,
          type: "line",
          data: data(s.low),
          showSymbol: false,
          lineStyle: { width: 0.8, opacity: 0.45, color },
          itemStyle: { color },
          tooltip: { show: false },
          silent: true,
        },
        {
          name: `${s.name} max`,
          type: "line",
          data: data(s.high),
          showSymbol: false,
          lineStyle: { width: 0.8, opacity: 0.45, color },
          itemStyle: { color },
          tooltip: { show: false },
          silent: true,
        },
      );
    }
    const isSmoothed = settings.smoothing > 0;
    out.push({
      name: s.name,
      type: "line",
      data: data(s.y),
      showSymbol: s.x.length < 50,
      connectNulls: false,
      lineStyle: { width: isSmoothed ? 1 : 1.6, opacity: isSmoothed ? 0.3 : 1, color },
      itemStyle: { color, opacity: isSmoothed ? 0.3 : 1 },
    });
    if (isSmoothed) {
      out.push({
        name: `${s.name} (smoothed)`,
        type: "line",
        data: data(emaSmooth(s.y, settings.smoothing)),
        showSymbol: false,
        lineStyle: { width: 1.8, color },
        itemStyle: { color },
      });
    }
    return out;
  });
  return {
    animation: false,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
    grid: { left: 56, right: 20, top: 36, bottom: 56 },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? v.toPrecision(5) : String(v)),
    },
    xAxis: {
      type: settings.xAxis === "wall" ? "time" : "value",
      name: X_NAMES[settings.xAxis],
      nameLocation: "middle",
      nameGap: 28,
      scale: true,
    },
    yAxis: { type: settings.isLogScale ? "log" : "value", scale: true },
    dataZoom: [
      { type: "inside", xAxisIndex: 0, filterMode: "none" },
      { type: "slider", xAxisIndex: 0, height: 16, bottom: 6, filterMode: "none" },
    ],
    // Only the runs themselves in the legend, not their min/max envelopes or smoothed twins.
    legend: { show: series.length > 1, data: series.map((s) => s.name), top: 4, right: 8, left: 120, type: "scroll" },
    series: lines,
  };
}
