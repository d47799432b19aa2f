import "server-only";
import type Docker from "dockerode";
import { logBatch } from "../services/runs/log-batch";
import { containerUsage, type TContainerStats } from "./container-usage";

const SAMPLE_MS = 5000;
// A first sample soon after start, so short runs get one too.
const FIRST_SAMPLE_MS = 1000;

/** Container CPU and memory as system/… metrics, every few seconds while it runs. */
export function sampleContainerStats(container: Docker.Container, workspaceId: string, runId: string, startedAt: Date) {
  const sample = () => {
    void (async () => {
      const usage = containerUsage((await container.stats({ stream: false })) as unknown as TContainerStats);
      if (!usage) return;
      const { cpuPercent, memoryBytes } = usage;
      const memoryMb = memoryBytes / 1024 / 1024;
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
