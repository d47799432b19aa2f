import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";

export async function revokeInvitation(actor: TActor, workspaceId: string, invitationId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, workspaceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Invitation not found");
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "member.revokeInvitation",
      targetType: "invitation",
      targetId: invitationId,
    });
  });
}
