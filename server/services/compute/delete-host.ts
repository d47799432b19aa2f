import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { ACTIVE_JOB_STATUSES } from "../runs/run-status";

export async function deleteHost(actor: TActor, hostId: string) {
  await db().$transaction(async (tx) => {
    const host = await tx.computeHost.findUnique({ where: { id: hostId } });
    if (!host) throw new AppError("NOT_FOUND", "Host not found");
    const active = await tx.job.count({ where: { hostId, run: { status: { in: [...ACTIVE_JOB_STATUSES] } } } });
    if (active > 0)
      throw new AppError(
        "CONFLICT",
        `Host '${host.name}' has ${active} active run(s); drain it and wait, or cancel them first`,
      );
    await tx.computeHost.delete({ where: { id: hostId } });
    await recordAuditEvent(tx, actor, {
      workspaceId: null,
      action: "compute.host.delete",
      targetType: "computeHost",
      targetId: hostId,
      details: { name: host.name, endpoint: host.endpoint },
    });
  });
}
