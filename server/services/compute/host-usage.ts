import type { Prisma } from "../../generated/prisma/client";
import { ACTIVE_JOB_STATUSES } from "../runs/run-status";
import { effectiveLabels } from "./host-labels";
import type { THostReservation } from "./host-reservations";

/** The active jobs of a host, as list queries include them. */
export const ACTIVE_JOBS_INCLUDE = {
  where: { run: { status: { in: [...ACTIVE_JOB_STATUSES] } } },
  select: {
    runId: true,
    workspaceId: true,
    run: { select: { displayName: true, status: true, startedAt: true } },
  },
} satisfies Prisma.ComputeHost$jobsArgs;

type THostRow = {
  id: string;
  name: string;
  labels: unknown;
  maxConcurrentRuns: number;
  networkMode: string;
  runStepsAsRoot: boolean;
  defaultCpu: number;
  defaultMemoryBytes: bigint;
  isDraining: boolean;
  state: "Online" | "Offline";
  lastSeenAt: Date | null;
  lastError: string | null;
  engineVersion: string | null;
  cpus: number | null;
  memoryBytes: bigint | null;
  gpus: number;
  createdAt: Date;
  jobs: {
    runId: string;
    workspaceId: string;
    run: { displayName: string; status: string; startedAt: Date | null };
  }[];
};

/**
 * What anyone who can see a host is shown: its status, capacity and what every active run and
 * endpoint instance holds of it (as placement counts them, see host-reservations.ts), but only
 * `workspaceId`'s own runs by name (null: all of them, for admins).
 */
export function hostUsageView(host: THostRow, held: THostReservation, workspaceId: string | null) {
  return {
    id: host.id,
    name: host.name,
    labels: effectiveLabels(host),
    maxConcurrentRuns: host.maxConcurrentRuns,
    networkMode: host.networkMode,
    runStepsAsRoot: host.runStepsAsRoot,
    defaultCpu: host.defaultCpu,
    defaultMemoryBytes: Number(host.defaultMemoryBytes),
    status: host.isDraining ? ("Draining" as const) : host.state,
    lastSeenAt: host.lastSeenAt,
    lastError: host.lastError,
    engineVersion: host.engineVersion,
    capacity: {
      cpus: host.cpus,
      memoryBytes: host.memoryBytes === null ? null : Number(host.memoryBytes),
      gpus: host.gpus,
    },
    used: {
      runs: held.runs,
      instances: held.instances,
      cpus: held.cpu,
      memoryBytes: Number(held.memoryBytes),
      gpus: held.gpus,
    },
    runs: host.jobs
      .filter((j) => workspaceId === null || j.workspaceId === workspaceId)
      .map((j) => ({
        id: j.runId,
        workspaceId: j.workspaceId,
        displayName: j.run.displayName,
        status: j.run.status,
        startedAt: j.run.startedAt,
      })),
    createdAt: host.createdAt,
  };
}
