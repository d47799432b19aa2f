import type { TActor } from "../audit/record-audit-event";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notifyRunChanged } from "../database/notifications";
import { db } from "../db";
import { AppError } from "../errors";
import { isTerminal } from "../services/runs/run-status";
import { transitionRun } from "../services/runs/transition-run";

/**
 * A queued run is canceled at once; a preparing or running one is flagged, and its worker (told
 * at once through the run's channel) stops the build or the container with a grace period and
 * records Canceled. A run without a job (logged from a script) is marked Canceled, as MLflow's
 * "kill" does.
 */
export async function cancelJob(actor: TActor, workspaceId: string, runId: string) {
  return db().$transaction(async (tx) => {
    // The job row before the run's, the order in which the worker's claim locks them.
    const [job] = await tx.$queryRaw<
      { cancelRequestedAt: Date | null }[]
    >`SELECT "cancelRequestedAt" FROM "Job" WHERE "runId" = ${runId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    const [run] = await tx.$queryRaw<
      { id: string; status: string }[]
    >`SELECT "id", "status"::text FROM "Run" WHERE "id" = ${runId} AND "workspaceId" = ${workspaceId} FOR NO KEY UPDATE`;
    if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
    if (isTerminal(run.status)) throw new AppError("CONFLICT", `The run has already ended (${run.status})`);
    if (job)
      await tx.job.update({ where: { runId }, data: { cancelRequestedAt: job.cancelRequestedAt ?? new Date() } });
    const isImmediate = !job || run.status === "Queued";
    if (isImmediate) {
      await transitionRun(runId, { to: "Canceled" }, tx);
      if (job) await tx.job.update({ where: { runId }, data: { failureReason: "Canceled before it started" } });
    } else await notifyRunChanged(runId, tx);
    await recordAuditEvent(tx, actor, { workspaceId, action: "run.cancel", targetType: "run", targetId: runId });
    return { status: isImmediate ? ("Canceled" as const) : ("Canceling" as const) };
  });
}
