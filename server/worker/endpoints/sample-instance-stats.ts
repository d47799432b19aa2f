import "server-only";
import type Docker from "dockerode";
import { db } from "../../db";
import { containerUsage, type TContainerStats } from "../container-usage";

/** How long instance samples are kept: the Monitoring tab looks back an hour, a day at most. */
export const INSTANCE_STATS_RETENTION_MS = 24 * 60 * 60_000;

/**
 * One CPU and memory sample of every running instance, stored for its deployment's charts, and
 * samples older than the retention deleted. An instance whose container is gone is skipped: the
 * reconciler replaces it.
 */
export async function sampleInstanceStats(
  dockers: Map<string, Docker>,
  workspaceIds: string[] | null = null,
): Promise<number> {
  const instances = await db().endpointInstance.findMany({
    where: {
      containerId: { not: null },
      hostId: { not: null },
      state: { not: "Failed" },
      ...(workspaceIds ? { deployment: { endpoint: { workspaceId: { in: workspaceIds } } } } : {}),
    },
    select: { id: true, deploymentId: true, containerId: true, hostId: true },
  });
  const samples = await Promise.all(
    instances.map(async (instance) => {
      const docker = dockers.get(instance.hostId!);
      if (!docker) return null;
      const stats = await docker
        .getContainer(instance.containerId!)
        .stats({ stream: false })
        .catch(() => null);
      if (!stats) return null;
      const usage = containerUsage(stats as unknown as TContainerStats);
      if (!usage) return null;
      return {
        deploymentId: instance.deploymentId,
        instanceId: instance.id,
        at: new Date(),
        cpuPercent: usage.cpuPercent,
        memoryBytes: BigInt(Math.round(usage.memoryBytes)),
      };
    }),
  );
  const rows = samples.filter((s) => s !== null);
  await db().$transaction([
    db().endpointInstanceStat.createMany({ data: rows }),
    db().endpointInstanceStat.deleteMany({ where: { at: { lt: new Date(Date.now() - INSTANCE_STATS_RETENTION_MS) } } }),
  ]);
  return rows.length;
}
