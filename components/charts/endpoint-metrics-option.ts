import type { EChartsCoreOption } from "echarts/core";

export type TMinuteStats = {
  minute: Date | string;
  requests: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errors4xx: number;
  errors5xx: number;
};
export type TDeploymentStats = { deployment: string; minutes: TMinuteStats[] };
export type TEndpointChart = "requests" | "latency" | "errors";

const PALETTE = ["#0369a1", "#c2410c", "#15803d", "#7e22ce", "#be123c", "#0f766e"];
const MINUTE = 60_000;
// On a time axis ECharts sizes a bar from the spacing of its points; a lone minute would become a
// band a quarter of the window wide, clipped at the edge, far from the minute it counts.
const BAR_MAX_WIDTH = 10;
const TITLES: Record<TEndpointChart, string> = {
  requests: "Requests per minute",
  latency: "Latency (ms)",
  errors: "Errors per minute",
};

/**
 * Every minute from the first to the last seen by any deployment: the router records nothing for a
 * quiet minute, and a line drawn across it would hide the quiet.
 */
function minutesSpanned(stats: readonly TDeploymentStats[]): number[] {
  const all = stats.flatMap((s) => s.minutes.map((m) => new Date(m.minute).getTime()));
  if (all.length === 0) return [];
  const [first, last] = [Math.min(...all), Math.max(...all)];
  const out: number[] = [];
  for (let t = first; t <= last; t += MINUTE) out.push(t);
  return out;
}

/** One chart of an endpoint's monitoring: a line (or, for errors, a bar) per deployment and measure. */
export function buildEndpointMetricsOption(
  kind: TEndpointChart,
  stats: readonly TDeploymentStats[],
  window?: { start: number; end: number },
): EChartsCoreOption {
  const minutes = minutesSpanned(stats);
  type TSeries = { name: string; type: string; data: (number | null)[][] } & Record<string, unknown>;
  const series = stats.flatMap((s, i): TSeries[] => {
    const color = PALETTE[i % PALETTE.length]!;
    const byMinute = new Map(s.minutes.map((m) => [new Date(m.minute).getTime(), m]));
    const count = (pick: (m: TMinuteStats) => number) =>
      minutes.map((t) => [t, byMinute.get(t) ? pick(byMinute.get(t)!) : 0]);
    const latency = (pick: (m: TMinuteStats) => number | null) =>
      minutes.map((t) => [t, byMinute.get(t) ? pick(byMinute.get(t)!) : null]);
    if (kind === "requests")
      return [
        {
          name: s.deployment,
          type: "line",
          data: count((m) => m.requests),
          itemStyle: { color },
          lineStyle: { color },
        },
      ];
    if (kind === "latency")
      return (["p50", "p95", "p99"] as const).map((p, j) => ({
        name: `${s.deployment} ${p}`,
        type: "line",
        data: latency((m) => m[p]),
        connectNulls: false,
        itemStyle: { color },
        lineStyle: { color, type: (["solid", "dashed", "dotted"] as const)[j] },
      }));
    return [
      {
        name: `${s.deployment} 4xx`,
        type: "bar",
        stack: s.deployment,
        barMaxWidth: BAR_MAX_WIDTH,
        data: count((m) => m.errors4xx),
        itemStyle: { color, opacity: 0.55 },
      },
      {
        name: `${s.deployment} 5xx`,
        type: "bar",
        stack: s.deployment,
        barMaxWidth: BAR_MAX_WIDTH,
        data: count((m) => m.errors5xx),
        itemStyle: { color },
      },
    ];
  });
  return {
    animation: false,
    title: { text: TITLES[kind], left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
    grid: { left: 48, right: 16, top: 56, bottom: 28 },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? String(Math.round(v * 100) / 100) : "—"),
    },
    legend: { top: 26, left: 8, right: 8, type: "scroll", data: series.map((s) => s.name) },
    // The whole window, so one busy minute is not drawn as if it were the whole day.
    xAxis: {
      type: "time",
      splitNumber: 4,
      axisLabel: { hideOverlap: true, formatter: "{HH}:{mm}" },
      ...(window ? { min: window.start, max: window.end } : {}),
    },
    yAxis: { type: "value", minInterval: kind === "latency" ? 0 : 1 },
    series,
  };
}
