import { describe, expect, it } from "vitest";
import { buildEndpointMetricsOption, type TDeploymentStats } from "./endpoint-metrics-option";

type TSeries = { name: string; type: string; data: [number, number | null][] };

const T0 = Date.UTC(2025, 0, 1, 12, 0);
const minute = (i: number, requests: number, p50: number | null = 10) => ({
  minute: new Date(T0 + i * 60_000),
  requests,
  p50,
  p95: p50 === null ? null : p50 * 2,
  p99: p50 === null ? null : p50 * 3,
  errors4xx: 1,
  errors5xx: 0,
});

const stats: TDeploymentStats[] = [
  { deployment: "blue", minutes: [minute(0, 9), minute(2, 18)] },
  // As the tRPC client hands dates over the wire, a string is read too.
  { deployment: "green", minutes: [{ ...minute(1, 1), minute: new Date(T0 + 60_000).toISOString() }] },
];

describe("endpoint metrics option", () => {
  it("counts requests per deployment with quiet minutes at 0", () => {
    const option = buildEndpointMetricsOption("requests", stats) as { series: TSeries[] };
    expect(option.series.map((s) => s.name)).toEqual(["blue", "green"]);
    expect(option.series[0]!.data).toEqual([
      [T0, 9],
      [T0 + 60_000, 0],
      [T0 + 120_000, 18],
    ]);
    expect(option.series[1]!.data).toEqual([
      [T0, 0],
      [T0 + 60_000, 1],
      [T0 + 120_000, 0],
    ]);
  });

  it("draws p50, p95 and p99 per deployment with gaps where nothing was measured", () => {
    const option = buildEndpointMetricsOption("latency", stats) as { series: TSeries[] };
    expect(option.series.map((s) => s.name)).toEqual([
      "blue p50",
      "blue p95",
      "blue p99",
      "green p50",
      "green p95",
      "green p99",
    ]);
    expect(option.series[1]!.data).toEqual([
      [T0, 20],
      [T0 + 60_000, null],
      [T0 + 120_000, 20],
    ]);
  });

  it("stacks 4xx and 5xx bars per deployment", () => {
    const option = buildEndpointMetricsOption("errors", stats) as {
      series: (TSeries & { stack: string; barMaxWidth?: number })[];
    };
    expect(option.series.map((s) => [s.name, s.type, s.stack])).toEqual([
      ["blue 4xx", "bar", "blue"],
      ["blue 5xx", "bar", "blue"],
      ["green 4xx", "bar", "green"],
      ["green 5xx", "bar", "green"],
    ]);
    expect(option.series[0]!.data.map(([, v]) => v)).toEqual([1, 0, 1]);
    // A lone minute's bar stays a narrow bar at that minute, not a band across the window.
    expect(option.series.map((s) => s.barMaxWidth)).toEqual([10, 10, 10, 10]);
  });

  it("spans the window asked for", () => {
    const option = buildEndpointMetricsOption("requests", stats, { start: T0 - 3_600_000, end: T0 + 180_000 }) as {
      xAxis: { min: number; max: number };
    };
    expect(option.xAxis).toMatchObject({ type: "time", min: T0 - 3_600_000, max: T0 + 180_000 });
  });

  it("has no series and no minutes when nothing was scored", () => {
    const option = buildEndpointMetricsOption("requests", [{ deployment: "blue", minutes: [] }]) as {
      series: TSeries[];
    };
    expect(option.series[0]!.data).toEqual([]);
  });
});
