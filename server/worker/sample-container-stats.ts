import "server-only";
import type Docker from "dockerode";
import { logBatch } from "../services/runs/log-batch";

const SAMPLE_MS = 5000;
// A first sample soon after start, so short runs get one too.
const FIRST_SAMPLE_MS = 1000;

type TStats = {
  cpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; stats?: { cache?: number; inactive_file?: number } };
};

/** Container CPU and memory as system/… metrics, every few seconds while it runs. */
export function sampleContainerStats(container: Docker.Container, workspaceId: string, runId: string, startedAt: Date) {
  const sample = () => {
    void (async () => {
      const stats = (await container.stats({ stream: false })) as unknown as TStats;
      const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
      const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
      const cpus = stats.cpu_stats.online_cpus ?? 1;
      const cpuPercent = systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
      const cache = stats.memory_stats.stats?.inactive_file ?? stats.memory_stats.stats?.cache ?? 0;
      const memoryMb = Math.max(0, (stats.memory_stats.usage ?? 0) - cache) / 1024 / 1024;
      const now = Date.now();
      const step = Math.round((now - startedAt.getTime()) / 1000);
      await logBatch(workspaceId, runId, {
        metrics: [
          { key: "system/cpu_percent", value: cpuPercent, step, timestamp: now },
          { key: "system/memory_mb", value: memoryMb, step, timestamp: now },
        ],
        params: [],
        tags: [],
      });
    })().catch(() => undefined);
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    sample();
    interval = setInterval(sample, SAMPLE_MS);
  }, FIRST_SAMPLE_MS);
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
