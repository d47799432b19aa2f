import { db } from "../../db";
import { ACTIVE_JOB_STATUSES } from "../runs/run-status";
import { effectiveLabels } from "./host-labels";


/** Hosts with what their active runs hold of them, for the compute page and placement. */
export async function listHosts(workspaceId: string) {
  const hosts = await db().computeHost.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    include: {
      jobs: {
        where: { run: { status: { in: [...ACTIVE_JOB_STATUSES] } } },
        select: { runId: true, cpu: true, memoryBytes: true, gpus: true, run: { select: { displayName: true, status: true, startedAt: true } } },
      },
    },
  });
  return hosts.map((host) => ({
    id: host.id,
    name: host.name,
    endpoint: host.endpoint,
    labels: effectiveLabels(host),
    maxConcurrentRuns: host.maxConcurrentRuns,
    networkMode: host.networkMode,
    hasTls: host.tlsKeyEncrypted !== null,
    hasSshKey: host.sshKeyEncrypted !== null,
    sshHostKey: host.sshHostKey,
    status: host.isDraining ? ("Draining" as const) : host.state,
    lastSeenAt: host.lastSeenAt,
    lastError: host.lastError,
    engineVersion: host.engineVersion,
    capacity: { cpus: host.cpus, memoryBytes: host.memoryBytes === null ? null : Number(host.memoryBytes), gpus: host.gpus },
    used: {
      runs: host.jobs.length,
      cpus: host.jobs.reduce((n, j) => n + (j.cpu ?? 0), 0),
      memoryBytes: host.jobs.reduce((n, j) => n + Number(j.memoryBytes ?? 0), 0),
      gpus: host.jobs.reduce((n, j) => n + j.gpus, 0),
    },
    runs: host.jobs.map((j) => ({ id: j.runId, displayName: j.run.displayName, status: j.run.status, startedAt: j.run.startedAt })),
    createdAt: host.createdAt,
  }));
}
