import type { EChartsCoreOption } from "echarts/core";

export type TMinuteUsage = { minute: Date | string; cpuPercent: number; memoryBytes: number; instances: number };
export type TDeploymentUsage = { deployment: string; minutes: TMinuteUsage[] };
export type TUsageChart = "cpu" | "memory";

// The request charts' colours, so a deployment has one colour across the Monitoring tab.
const PALETTE = ["#0369a1", "#c2410c", "#15803d", "#7e22ce", "#be123c", "#0f766e"];
const MINUTE = 60_000;
const MIB = 1024 * 1024;
const TITLES: Record<TUsageChart, string> = { cpu: "CPU (% of one CPU)", memory: "Memory (MiB)" };

/**
 * CPU or memory per deployment, summed over its instances, one point a minute. A minute with no
 * sample (no instance running) is a gap, not a zero: nothing was measured.
 */
export function buildEndpointUsageOption(
  kind: TUsageChart,
  usage: readonly TDeploymentUsage[],
  window?: { start: number; end: number },
): EChartsCoreOption {
  const all = usage.flatMap((u) => u.minutes.map((m) => new Date(m.minute).getTime()));
  const minutes: number[] = [];
  if (all.length > 0) for (let t = Math.min(...all); t <= Math.max(...all); t += MINUTE) minutes.push(t);
  const series = usage.map((u, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const byMinute = new Map(u.minutes.map((m) => [new Date(m.minute).getTime(), m]));
    return {
      name: u.deployment,
      type: "line",
      connectNulls: false,
      itemStyle: { color },
      lineStyle: { color },
      data: minutes.map((t) => {
        const m = byMinute.get(t);
        if (!m) return [t, null];
        return [t, kind === "cpu" ? round(m.cpuPercent) : round(m.memoryBytes / MIB)];
      }),
    };
  });
  return {
    animation: false,
    title: { text: TITLES[kind], left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
    grid: { left: 48, right: 16, top: 56, bottom: 28 },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? `${v}${kind === "cpu" ? " %" : " MiB"}` : "—"),
    },
    legend: { top: 26, left: 8, right: 8, type: "scroll", data: series.map((s) => s.name) },
    xAxis: {
      type: "time",
      splitNumber: 4,
      axisLabel: { hideOverlap: true, formatter: "{HH}:{mm}" },
      ...(window ? { min: window.start, max: window.end } : {}),
    },
    yAxis: { type: "value", min: 0 },
    series,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
