import type { EChartsCoreOption } from "echarts/core";

type TRun = { name: string; params: Record<string, string>; metric: number | null };

/**
 * Parallel coordinates of params against one metric, the metric as the last axis and the
 * line colour. Numeric params get value axes; others become category axes.
 */
export function buildParallelOption(runs: TRun[], paramKeys: string[], metricKey: string): EChartsCoreOption {
  const isNumeric = (key: string) =>
    runs.every((r) => r.params[key] === undefined || Number.isFinite(Number(r.params[key])));
  const axes = paramKeys.map((key, dim) => {
    if (isNumeric(key)) return { dim, name: key, type: "value" as const, scale: true };
    const categories = [...new Set(runs.map((r) => r.params[key] ?? "—"))].sort();
    return { dim, name: key, type: "category" as const, data: categories };
  });
  axes.push({ dim: paramKeys.length, name: metricKey, type: "value", scale: true });
  const metricValues = runs.map((r) => r.metric).filter((v): v is number => v !== null && Number.isFinite(v));
  const data = runs.map((r) => ({
    name: r.name,
    value: [
      ...paramKeys.map((k, i) => (axes[i]!.type === "value" ? Number(r.params[k]) : (r.params[k] ?? "—"))),
      r.metric,
    ],
  }));
  return {
    animation: false,
    parallelAxis: axes,
    parallel: { left: 60, right: 80, top: 40, bottom: 30 },
    visualMap: metricValues.length
      ? {
          show: true,
          type: "continuous",
          dimension: paramKeys.length,
          min: Math.min(...metricValues),
          max: Math.max(...metricValues),
          inRange: { color: ["#c2410c", "#facc15", "#15803d"] },
          right: 0,
          top: "middle",
          calculable: true,
        }
      : undefined,
    tooltip: { trigger: "item" },
    series: [{ type: "parallel", lineStyle: { width: 2, opacity: 0.7 }, data }],
  };
}
