import "server-only";
import { db } from "../db";
import { env } from "../env";
import { ACTIVE_JOB_STATUSES } from "../services/runs/run-status";
import { transitionRun } from "../services/runs/transition-run";
import { revokeRunTokens } from "../services/tokens/create-run-token";
import { RunLogWriter } from "./run-log-writer";

/** Runs on a host that has been Offline past the window fail with the reason. */
export async function failRunsOnVanishedHosts(workspaceIds: string[] | null): Promise<void> {
  const offlineAfter = new Date(Date.now() - env().CRUCIBLE_HOST_OFFLINE_S * 1000);
  const jobs = await db().job.findMany({
    where: {
      ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}),
      run: { status: { in: [...ACTIVE_JOB_STATUSES] } },
      host: { state: "Offline", lastSeenAt: { lt: offlineAfter } },
    },
    include: { host: true },
  });
  for (const job of jobs) {
    const since = job.host?.lastSeenAt?.toISOString() ?? "registration";
    const reason = `Host '${job.host?.name}' stopped answering (last seen ${since}); the run's state on it is unknown`;
    // The line first, so a viewer's stream has it before it sees the run end.
    const log = await RunLogWriter.open(job.runId);
    log.system(`Run Failed: ${reason}`);
    await log.close();
    await db().$transaction(async (tx) => {
      if ((await transitionRun(job.runId, { to: "Failed", from: [...ACTIVE_JOB_STATUSES] }, tx)) === null) return;
      await tx.job.update({ where: { runId: job.runId }, data: { failureReason: reason, heartbeatAt: null } });
    });
    await revokeRunTokens(job.runId);
  }
}

/** Active jobs whose worker stopped touching them: this worker takes them over. */
export async function adoptOrphanedJobs(workerId: string, workspaceIds: string[] | null): Promise<string[]> {
  const staleBefore = new Date(Date.now() - env().CRUCIBLE_JOB_HEARTBEAT_S * 1000);
  const rows = await db().$queryRaw<{ runId: string }[]>`
    UPDATE "Job" SET "workerId" = ${workerId}, "heartbeatAt" = now()
    WHERE "runId" IN (
      SELECT j."runId" FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
      JOIN "ComputeHost" h ON h."id" = j."hostId"
      WHERE r."status"::text = ANY(${[...ACTIVE_JOB_STATUSES] as string[]}::text[]) AND h."state" = 'Online'
        AND (j."heartbeatAt" IS NULL OR j."heartbeatAt" < ${staleBefore})
        AND (${workspaceIds}::text[] IS NULL OR j."workspaceId" = ANY(${workspaceIds}::text[]))
      FOR UPDATE OF j SKIP LOCKED)
    RETURNING "runId"`;
  return rows.map((r) => r.runId);
}

export async function touchJobs(workerId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db()
    .$executeRaw`UPDATE "Job" SET "heartbeatAt" = now() WHERE "workerId" = ${workerId} AND "runId" = ANY(${runIds})`;
}
