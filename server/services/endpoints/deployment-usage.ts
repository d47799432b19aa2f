import { db } from "../../db";
import { findOnlineDeployment } from "./find-online-deployment";

/**
 * Per minute over the last `windowMinutes`: the deployment's CPU (percent of one CPU) and memory,
 * each the sum over its instances of their mean in that minute, and how many instances were sampled.
 */
export async function deploymentUsage(workspaceId: string, endpointName: string, name: string, windowMinutes: number) {
  const { deployment } = await findOnlineDeployment(workspaceId, endpointName, name);
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const rows = await db().$queryRaw<{ minute: Date; cpuPercent: number; memoryBytes: number; instances: bigint }[]>`
    SELECT "minute", sum("cpu")::float8 AS "cpuPercent", sum("memory")::float8 AS "memoryBytes", count(*) AS "instances"
    FROM (
      SELECT date_trunc('minute', "at") AS "minute", "instanceId",
             avg("cpuPercent") AS "cpu", avg("memoryBytes") AS "memory"
      FROM "EndpointInstanceStat"
      WHERE "deploymentId" = ${deployment.id} AND "at" >= ${since}
      GROUP BY 1, 2
    ) AS "perInstance"
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    minute: r.minute,
    cpuPercent: r.cpuPercent,
    memoryBytes: r.memoryBytes,
    instances: Number(r.instances),
  }));
}
