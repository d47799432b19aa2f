import { notifyRunChanged } from "../../database/notifications";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma, RunStatus } from "../../generated/prisma/client";
import { canTransition, isTerminal } from "./run-status";

export type TTransition = {
  to: RunStatus;
  /** Only from these (a worker's step that another path may have overtaken); otherwise nothing happens. */
  from?: readonly RunStatus[];
  /** A time the client gives for the end (MLflow's end_time); else now. */
  endedAt?: Date;
};

/**
 * The one writer of a run's status. Locks the run, checks the change against the transition
 * table, stamps startedAt/endedAt, and tells every listener (run pages, log streams, the worker
 * following the run) when the transaction commits. Returns the previous status, or null when
 * `from` was given and the run was in none of them (or is gone). An illegal change is a CONFLICT.
 */
export async function transitionRun(
  runId: string,
  change: TTransition,
  tx?: Prisma.TransactionClient,
): Promise<RunStatus | null> {
  if (!tx) return db().$transaction((t) => transitionRun(runId, change, t));
  const [run] = await tx.$queryRaw<{ status: RunStatus; startedAt: Date | null; hasJob: boolean }[]>`
    SELECT r."status", r."startedAt", EXISTS (SELECT 1 FROM "Job" j WHERE j."runId" = r."id") AS "hasJob"
    FROM "Run" r WHERE r."id" = ${runId} FOR NO KEY UPDATE`;
  if (!run) {
    if (change.from) return null;
    throw new AppError("NOT_FOUND", `Run ${runId} not found`);
  }
  if (change.from && !change.from.includes(run.status)) return null;
  if (run.status === change.to) return run.status;
  if (!canTransition(run.status, change.to, run.hasJob)) {
    if (change.from) return null;
    throw new AppError(
      "CONFLICT",
      run.hasJob && !isTerminal(run.status)
        ? `The run is executed by a job and is ${run.status}: cancel it instead of setting ${change.to}`
        : `A run cannot go from ${run.status} to ${change.to}`,
    );
  }
  const isEnding = isTerminal(change.to);
  await tx.run.update({
    where: { id: runId },
    data: {
      status: change.to,
      startedAt: change.to === "Running" && !run.startedAt ? new Date() : undefined,
      // Resuming an ended run (MLflow's start_run(run_id=…)) clears its end.
      endedAt: isEnding ? (change.endedAt ?? new Date()) : isTerminal(run.status) ? null : undefined,
    },
  });
  await notifyRunChanged(runId, tx);
  return run.status;
}
