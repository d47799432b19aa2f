import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";

/** Queued jobs that named the target keep their host selector, so they still run. */
export async function deleteTarget(actor: TActor, workspaceId: string, targetId: string) {
  await db().$transaction(async (tx) => {
    const target = await tx.computeTarget.findFirst({ where: { id: targetId, workspaceId } });
    if (!target) throw new AppError("NOT_FOUND", "Compute target not found");
    await tx.computeTarget.delete({ where: { id: targetId } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "compute.target.delete",
      targetType: "computeTarget",
      targetId,
      details: { name: target.name },
    });
  });
}
