import { describe, expect, it } from "vitest";
import { containerUsage } from "./container-usage";

const stats = (cpu: number, precpu: number, system: number, presystem: number) => ({
  cpu_stats: { cpu_usage: { total_usage: cpu }, system_cpu_usage: system, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: precpu }, system_cpu_usage: presystem },
  memory_stats: { usage: 300 * 1024 * 1024, stats: { inactive_file: 100 * 1024 * 1024 } },
});

describe("container usage", () => {
  it("reads CPU as a share of one CPU across the host's CPUs, and memory without the page cache", () => {
    // 1.5 of the host's 4 CPUs' time went to the container: 150 %.
    expect(containerUsage(stats(1_500, 0, 4_000, 0))).toEqual({ cpuPercent: 150, memoryBytes: 200 * 1024 * 1024 });
  });

  it("says 0 % for a first sample with no earlier one, and reads cgroup v1's cache", () => {
    const first = { ...stats(1_500, 0, 4_000, 0), precpu_stats: { cpu_usage: { total_usage: 0 } } };
    expect(containerUsage({ ...first, cpu_stats: { ...first.cpu_stats, system_cpu_usage: 0 } })?.cpuPercent).toBe(0);
    expect(containerUsage({ ...first, memory_stats: { usage: 50, stats: { cache: 20 } } })?.memoryBytes).toBe(30);
  });

  it("says nothing for a container that has just stopped (empty cpu_stats)", () => {
    expect(containerUsage({ cpu_stats: {}, precpu_stats: {}, memory_stats: {} })).toBeNull();
  });
});
