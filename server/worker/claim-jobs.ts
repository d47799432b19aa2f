import "server-only";
import { db } from "../db";
import { env } from "../env";
import { effectiveLabels, matchesSelector } from "../services/compute/host-labels";
import { fitsCapacity, hostReservations } from "../services/compute/host-reservations";
import { ACTIVE_JOB_STATUSES } from "../services/runs/run-status";
import { transitionRun } from "../services/runs/transition-run";

const ACTIVE: string[] = [...ACTIVE_JOB_STATUSES];

type TQueuedJob = {
  runId: string;
  workspaceId: string;
  hostSelector: Record<string, string>;
  cpu: number | null;
  memoryBytes: bigint | null;
  gpus: number;
  computeTargetId: string | null;
};
type THostRow = {
  id: string;
  /** The workspaces the host is shared with: only their jobs go there. */
  workspaceIds: string[];
  name: string;
  labels: Record<string, string>;
  maxConcurrentRuns: number;
  cpus: number | null;
  memoryBytes: bigint | null;
  gpus: number;
  usedRuns: number;
  usedCpu: number;
  usedMemory: bigint;
  usedGpus: number;
};

/**
 * Claims queued jobs and places each on an Online host shared with its workspace, of its compute, whose free capacity
 * (after its jobs and endpoint instances) fits its request, preferring the host with the most free run slots (so work spreads). Rows are
 * locked FOR UPDATE SKIP LOCKED, and placement is serialised by an advisory lock so two workers
 * never over-fill a host; a job is claimed by exactly one worker.
 */
export async function claimJobs(workerId: string, workspaceIds: string[] | null, limit = 20): Promise<string[]> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crucible.placement'))`;
      const queued = await tx.$queryRaw<TQueuedJob[]>`
        SELECT j."runId", j."workspaceId", j."hostSelector", j."cpu", j."memoryBytes", j."gpus", j."computeTargetId"
        FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
        WHERE r."status" = 'Queued' AND r."deletedAt" IS NULL AND j."isReady" AND j."notBefore" <= now() AND j."cancelRequestedAt" IS NULL
          AND (${workspaceIds}::text[] IS NULL OR j."workspaceId" = ANY(${workspaceIds}::text[]))
        ORDER BY j."priority" DESC, j."createdAt"
        LIMIT ${limit}
        FOR UPDATE OF j SKIP LOCKED`;
      if (queued.length === 0) return [];
      const offlineAfter = new Date(Date.now() - env().CRUCIBLE_HOST_OFFLINE_S * 1000);
      const workspaceIdsQueued = [...new Set(queued.map((q) => q.workspaceId))];
      const found = await tx.$queryRaw<Omit<THostRow, "usedRuns" | "usedCpu" | "usedMemory" | "usedGpus">[]>`
        SELECT h."id", h."name", h."labels", h."maxConcurrentRuns", h."cpus", h."memoryBytes", h."gpus",
               (SELECT array_agg(s."workspaceId") FROM "HostShare" s WHERE s."hostId" = h."id" AND s."workspaceId" = ANY(${workspaceIdsQueued}::text[])) AS "workspaceIds"
        FROM "ComputeHost" h
        WHERE EXISTS (SELECT 1 FROM "HostShare" s WHERE s."hostId" = h."id" AND s."workspaceId" = ANY(${workspaceIdsQueued}::text[]))
          AND h."state" = 'Online' AND NOT h."isDraining" AND h."lastSeenAt" > ${offlineAfter}`;
      const held = await hostReservations(
        tx,
        found.map((h) => h.id),
      );
      const hosts: THostRow[] = found.map((h) => {
        const r = held.get(h.id)!;
        return { ...h, usedRuns: r.runs, usedCpu: r.cpu, usedMemory: r.memoryBytes, usedGpus: r.gpus };
      });
      const targetIds = [...new Set(queued.map((q) => q.computeTargetId).filter((t): t is string => t !== null))];
      const targetLimits = new Map<string, { limit: number | null; active: number }>();
      if (targetIds.length > 0) {
        const rows = await tx.$queryRaw<{ id: string; maxConcurrentRuns: number | null; active: number }[]>`
          SELECT t."id", t."maxConcurrentRuns",
                 (SELECT count(*)::int FROM "Job" j JOIN "Run" r ON r."id" = j."runId" WHERE j."computeTargetId" = t."id" AND r."status"::text = ANY(${ACTIVE}::text[])) AS "active"
          FROM "ComputeTarget" t WHERE t."id" = ANY(${targetIds}::text[])`;
        for (const row of rows) targetLimits.set(row.id, { limit: row.maxConcurrentRuns, active: row.active });
      }

      const claimed: string[] = [];
      for (const job of queued) {
        const target = job.computeTargetId ? targetLimits.get(job.computeTargetId) : undefined;
        if (target?.limit != null && target.active >= target.limit) continue;
        const host = pickHost(hosts, job);
        if (!host) continue;
        // The run may have been canceled since it was read: then it is not claimed.
        if ((await transitionRun(job.runId, { to: "Preparing", from: ["Queued"] }, tx)) === null) continue;
        host.usedRuns += 1;
        host.usedCpu += job.cpu ?? 0;
        host.usedMemory += job.memoryBytes ?? 0n;
        host.usedGpus += job.gpus;
        if (target) target.active += 1;
        await tx.$executeRaw`
          UPDATE "Job" SET "hostId" = ${host.id}, "workerId" = ${workerId}, "heartbeatAt" = now(), "attempt" = "attempt" + 1,
                           "containerId" = NULL, "exitCode" = NULL, "logCursor" = NULL
          WHERE "runId" = ${job.runId}`;
        claimed.push(job.runId);
      }
      return claimed;
    },
    { timeout: 15_000 },
  );
}

function pickHost(hosts: THostRow[], job: TQueuedJob): THostRow | null {
  let best: THostRow | null = null;
  let bestFree = -1;
  for (const host of hosts) {
    if (!host.workspaceIds.includes(job.workspaceId)) continue;
    if (!matchesSelector(effectiveLabels(host), job.hostSelector)) continue;
    if (host.usedRuns >= host.maxConcurrentRuns) continue;
    if (!fitsCapacity(host, { cpu: host.usedCpu, memoryBytes: host.usedMemory }, job)) continue;
    if (job.gpus > 0 && host.usedGpus + job.gpus > host.gpus) continue;
    const free = 1 - host.usedRuns / host.maxConcurrentRuns;
    if (free > bestFree) {
      best = host;
      bestFree = free;
    }
  }
  return best;
}
