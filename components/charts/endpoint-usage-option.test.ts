import { describe, expect, it } from "vitest";
import { buildEndpointUsageOption, type TDeploymentUsage } from "./endpoint-usage-option";

type TSeries = { name: string; type: string; data: [number, number | null][] };

const T0 = Date.UTC(2025, 0, 1, 12, 0);
const MIB = 1024 * 1024;
const minute = (i: number, cpuPercent: number, mib: number) => ({
  minute: new Date(T0 + i * 60_000),
  cpuPercent,
  memoryBytes: mib * MIB,
  instances: 1,
});

const usage: TDeploymentUsage[] = [
  { deployment: "blue", minutes: [minute(0, 12.345, 100), minute(2, 50, 150.5)] },
  // As the tRPC client hands dates over the wire, a string is read too.
  { deployment: "green", minutes: [{ ...minute(1, 3, 40), minute: new Date(T0 + 60_000).toISOString() }] },
];

describe("endpoint usage option", () => {
  it("charts CPU per deployment with a gap where no instance was sampled", () => {
    const option = buildEndpointUsageOption("cpu", usage) as { series: TSeries[]; title: { text: string } };
    expect(option.title.text).toContain("CPU");
    expect(option.series.map((s) => s.name)).toEqual(["blue", "green"]);
    expect(option.series[0]!.data).toEqual([
      [T0, 12.35],
      [T0 + 60_000, null],
      [T0 + 120_000, 50],
    ]);
    expect(option.series[1]!.data).toEqual([
      [T0, null],
      [T0 + 60_000, 3],
      [T0 + 120_000, null],
    ]);
  });

  it("charts memory in MiB", () => {
    const option = buildEndpointUsageOption("memory", usage) as { series: TSeries[] };
    expect(option.series[0]!.data.map(([, v]) => v)).toEqual([100, null, 150.5]);
    expect(option.series[1]!.data.map(([, v]) => v)).toEqual([null, 40, null]);
  });

  it("spans the window asked for and starts the axis at 0", () => {
    const option = buildEndpointUsageOption("memory", usage, { start: T0 - 3_600_000, end: T0 + 180_000 }) as {
      xAxis: { min: number; max: number };
      yAxis: { min: number };
    };
    expect(option.xAxis).toMatchObject({ type: "time", min: T0 - 3_600_000, max: T0 + 180_000 });
    expect(option.yAxis.min).toBe(0);
  });

  it("has empty series when nothing was sampled", () => {
    const option = buildEndpointUsageOption("cpu", [{ deployment: "blue", minutes: [] }]) as { series: TSeries[] };
    expect(option.series[0]!.data).toEqual([]);
  });
});
