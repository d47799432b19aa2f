import type { TActor } from "../audit/record-audit-event";
import { recordAuditEvent } from "../audit/record-audit-event";
import { db } from "../db";
import { AppError } from "../errors";
import { TERMINAL_STATUSES } from "../services/runs/run-status";

/**
 * A queued run is canceled at once; a preparing or running one is flagged, and its worker stops
 * the container with a grace period and records Canceled. A run without a job (logged from a
 * script) is marked Canceled, as MLflow's "kill" does.
 */
export async function cancelJob(workspaceId: string, actor: TActor, runId: string) {
  return db().$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<{ id: string; status: string }[]>`SELECT "id", "status"::text FROM "Run" WHERE "id" = ${runId} AND "workspaceId" = ${workspaceId} FOR NO KEY UPDATE`;
    if (!run) throw new AppError("NOT_FOUND", `Run ${runId} not found`);
    if ((TERMINAL_STATUSES as readonly string[]).includes(run.status)) throw new AppError("CONFLICT", `The run has already ended (${run.status})`);
    const job = await tx.job.findUnique({ where: { runId } });
    if (job) await tx.job.update({ where: { runId }, data: { cancelRequestedAt: job.cancelRequestedAt ?? new Date() } });
    const isImmediate = !job || run.status === "Queued";
    if (isImmediate) {
      await tx.run.update({ where: { id: runId }, data: { status: "Canceled", endedAt: new Date() } });
      if (job) await tx.job.update({ where: { runId }, data: { failureReason: "Canceled before it started" } });
    }
    await recordAuditEvent(tx, actor, { workspaceId, action: "run.cancel", targetType: "run", targetId: runId });
    return { status: isImmediate ? ("Canceled" as const) : ("Canceling" as const) };
  });
}
