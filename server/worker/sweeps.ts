import "server-only";
import { db } from "../db";
import { env } from "../env";
import { probeHost } from "../services/compute/probe-host";
import { revokeRunTokens } from "../services/tokens/create-run-token";

/** Probes every host, and marks Offline those that have not answered within the window. */
export async function heartbeatHosts(workspaceIds: string[] | null): Promise<void> {
  const hosts = await db().computeHost.findMany({ where: workspaceIds ? { workspaceId: { in: workspaceIds } } : {} });
  await Promise.all(hosts.map((host) => probeHost(host)));
  const offlineAfter = new Date(Date.now() - env().CRUCIBLE_HOST_OFFLINE_S * 1000);
  await db().computeHost.updateMany({ where: { ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}), state: "Online", OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: offlineAfter } }] }, data: { state: "Offline" } });
}

/** Runs on a host that has been Offline past the window fail with the reason. */
export async function failRunsOnVanishedHosts(workspaceIds: string[] | null): Promise<void> {
  const offlineAfter = new Date(Date.now() - env().CRUCIBLE_HOST_OFFLINE_S * 1000);
  const jobs = await db().job.findMany({
    where: { ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}), run: { status: { in: ["Preparing", "Running", "Finalizing"] } }, host: { state: "Offline", lastSeenAt: { lt: offlineAfter } } },
    include: { host: true },
  });
  for (const job of jobs) {
    const since = job.host?.lastSeenAt?.toISOString() ?? "registration";
    const reason = `Host '${job.host?.name}' stopped answering (last seen ${since}); the run's state on it is unknown`;
    await db().$transaction([
      db().run.updateMany({ where: { id: job.runId, status: { in: ["Preparing", "Running", "Finalizing"] } }, data: { status: "Failed", endedAt: new Date() } }),
      db().job.update({ where: { runId: job.runId }, data: { failureReason: reason, heartbeatAt: null } }),
      db().runLogLine.create({ data: { runId: job.runId, seq: await nextSeq(job.runId), stream: "system", text: `Run Failed: ${reason}`, time: new Date() } }),
    ]);
    await revokeRunTokens(job.runId);
  }
}

async function nextSeq(runId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ max: number | null }[]>`SELECT max("seq") AS "max" FROM "RunLogLine" WHERE "runId" = ${runId}`;
  return (row?.max ?? 0) + 1;
}

/** Active jobs whose worker stopped touching them: this worker takes them over. */
export async function adoptOrphanedJobs(workerId: string, workspaceIds: string[] | null): Promise<string[]> {
  const staleBefore = new Date(Date.now() - env().CRUCIBLE_JOB_HEARTBEAT_S * 1000);
  const rows = await db().$queryRaw<{ runId: string }[]>`
    UPDATE "Job" SET "workerId" = ${workerId}, "heartbeatAt" = now()
    WHERE "runId" IN (
      SELECT j."runId" FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
      JOIN "ComputeHost" h ON h."id" = j."hostId"
      WHERE r."status" IN ('Preparing', 'Running', 'Finalizing') AND h."state" = 'Online'
        AND (j."heartbeatAt" IS NULL OR j."heartbeatAt" < ${staleBefore})
        AND (${workspaceIds}::text[] IS NULL OR j."workspaceId" = ANY(${workspaceIds}::text[]))
      FOR UPDATE OF j SKIP LOCKED)
    RETURNING "runId"`;
  return rows.map((r) => r.runId);
}

export async function touchJobs(workerId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db().$executeRaw`UPDATE "Job" SET "heartbeatAt" = now() WHERE "workerId" = ${workerId} AND "runId" = ANY(${runIds})`;
}
