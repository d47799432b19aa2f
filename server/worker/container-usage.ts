// What `docker stats` (one shot) says, as far as Crucible reads it. A container that has just
// stopped answers with empty cpu_stats.
export type TContainerStats = {
  cpu_stats: { cpu_usage?: { total_usage: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage?: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; stats?: { cache?: number; inactive_file?: number } };
};

/**
 * CPU as a percentage of one CPU (as `docker stats` prints it) and memory in use without the
 * page cache the kernel can drop (cgroup v2 calls it inactive_file, v1 cache); null for a
 * container that is no longer running.
 */
export function containerUsage(stats: TContainerStats): { cpuPercent: number; memoryBytes: number } | null {
  if (!stats.cpu_stats?.cpu_usage) return null;
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - (stats.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
  const cpus = stats.cpu_stats.online_cpus ?? 1;
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const cache = stats.memory_stats?.stats?.inactive_file ?? stats.memory_stats?.stats?.cache ?? 0;
  return { cpuPercent, memoryBytes: Math.max(0, (stats.memory_stats?.usage ?? 0) - cache) };
}
