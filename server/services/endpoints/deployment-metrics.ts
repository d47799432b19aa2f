import { db } from "../../db";
import { findOnlineDeployment } from "./find-online-deployment";

/**
 * Per minute over the last `windowMinutes`: requests, latency p50/p95/p99 and 4xx/5xx counts of
 * the live (not mirrored) requests the router recorded; mirrored copies are counted apart.
 */
export async function deploymentMetrics(
  workspaceId: string,
  endpointName: string,
  name: string,
  windowMinutes: number,
) {
  const { deployment } = await findOnlineDeployment(workspaceId, endpointName, name);
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const rows = await db().$queryRaw<
    {
      minute: Date;
      requests: bigint;
      mirrored: bigint;
      p50: number | null;
      p95: number | null;
      p99: number | null;
      errors4xx: bigint;
      errors5xx: bigint;
    }[]
  >`
    SELECT date_trunc('minute', "at") AS "minute",
           count(*) FILTER (WHERE NOT "isMirror") AS "requests",
           count(*) FILTER (WHERE "isMirror") AS "mirrored",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") FILTER (WHERE NOT "isMirror") AS "p50",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") FILTER (WHERE NOT "isMirror") AS "p95",
           percentile_cont(0.99) WITHIN GROUP (ORDER BY "latencyMs") FILTER (WHERE NOT "isMirror") AS "p99",
           count(*) FILTER (WHERE NOT "isMirror" AND "status" BETWEEN 400 AND 499) AS "errors4xx",
           count(*) FILTER (WHERE NOT "isMirror" AND "status" >= 500) AS "errors5xx"
    FROM "EndpointRequestStat"
    WHERE "deploymentId" = ${deployment.id} AND "at" >= ${since}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    minute: r.minute,
    requests: Number(r.requests),
    mirrored: Number(r.mirrored),
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    errors4xx: Number(r.errors4xx),
    errors5xx: Number(r.errors5xx),
  }));
}
