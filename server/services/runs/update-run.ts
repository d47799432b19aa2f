import { db } from "../../db";
import type { RunStatus } from "../../generated/prisma/client";
import { findRun } from "./find-run";
import { TERMINAL_STATUSES } from "./run-status";

export type TUpdateRun = { status?: RunStatus; displayName?: string; notes?: string; endedAt?: Date; isDeleted?: boolean };

/** Status changes stamp the start and end times unless the caller gives them. */
export async function updateRun(workspaceId: string, runId: string, input: TUpdateRun) {
  const run = await findRun(workspaceId, runId);
  const isEnding = input.status !== undefined && TERMINAL_STATUSES.includes(input.status);
  return db().run.update({
    where: { id: run.id },
    data: {
      status: input.status,
      displayName: input.displayName,
      notes: input.notes,
      startedAt: input.status === "Running" && !run.startedAt ? new Date() : undefined,
      endedAt: input.endedAt ?? (isEnding && !run.endedAt ? new Date() : undefined),
      ...(input.isDeleted === undefined ? {} : { deletedAt: input.isDeleted ? new Date() : null }),
    },
  });
}
