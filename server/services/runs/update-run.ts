import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { RunStatus } from "../../generated/prisma/client";
import { cancelJob } from "../../jobs/cancel-job";
import { findRun } from "./find-run";
import { transitionRun } from "./transition-run";

export type TUpdateRun = {
  status?: RunStatus;
  displayName?: string;
  notes?: string;
  endedAt?: Date;
  isDeleted?: boolean;
};

/**
 * Name, notes, deletion and status. Status goes through the transition table; on a job's run the
 * only change a client may ask for is Canceled, which becomes a cancel (the worker then stops
 * the container, copies outputs and records the end).
 */
export async function updateRun(actor: TActor, workspaceId: string, runId: string, input: TUpdateRun) {
  const run = await findRun(workspaceId, runId);
  if (input.status !== undefined && input.status !== run.status) {
    const job = await db().job.findUnique({ where: { runId: run.id }, select: { runId: true } });
    if (job && input.status === "Canceled") await cancelJob(actor, workspaceId, run.id);
    else if (job)
      throw new AppError(
        "CONFLICT",
        `The run is executed by a job, whose worker sets its status; only Canceled can be asked (it is ${run.status})`,
      );
    else await transitionRun(run.id, { to: input.status, endedAt: input.endedAt });
  }
  return db().run.update({
    where: { id: run.id },
    data: {
      displayName: input.displayName,
      notes: input.notes,
      ...(input.isDeleted === undefined ? {} : { deletedAt: input.isDeleted ? new Date() : null }),
    },
  });
}
