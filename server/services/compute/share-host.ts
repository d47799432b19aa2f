import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";

/** Within `tx`: the share and its entry in the workspace's audit log, so its Owner sees what arrived. */
export async function shareHostIn(
  tx: Prisma.TransactionClient,
  actor: TActor,
  host: { id: string; name: string },
  workspaceId: string,
): Promise<void> {
  const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
  if (!workspace) throw new AppError("NOT_FOUND", "Workspace not found");
  const existing = await tx.hostShare.findUnique({ where: { hostId_workspaceId: { hostId: host.id, workspaceId } } });
  if (existing) return;
  await tx.hostShare.create({ data: { hostId: host.id, workspaceId } });
  await recordAuditEvent(tx, actor, {
    workspaceId,
    action: "compute.host.share",
    targetType: "computeHost",
    targetId: host.id,
    details: { name: host.name },
  });
}

/** Shares a host with a workspace (its targets and jobs may then use it), or stops sharing it. */
export async function setHostShared(
  actor: TActor,
  hostId: string,
  workspaceId: string,
  isShared: boolean,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const host = await tx.computeHost.findUnique({ where: { id: hostId }, select: { id: true, name: true } });
    if (!host) throw new AppError("NOT_FOUND", "Host not found");
    if (isShared) return shareHostIn(tx, actor, host, workspaceId);
    // Runs already placed there finish; queued ones wait until the host is shared again or they are canceled.
    const removed = await tx.hostShare.deleteMany({ where: { hostId, workspaceId } });
    if (removed.count > 0) {
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "compute.host.unshare",
        targetType: "computeHost",
        targetId: hostId,
        details: { name: host.name },
      });
    }
  });
}
