import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { AppError } from "../../errors";
import { assertOwnerRemains } from "./role-assignment";

export async function removeMember(actor: TActor, workspaceId: string, userId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      include: { user: true },
    });
    if (!membership) throw new AppError("NOT_FOUND", "Member not found");
    if (membership.role === "Owner") await assertOwnerRemains(tx, workspaceId, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "member.remove",
      targetType: "user",
      targetId: userId,
      details: { email: membership.user.email },
    });
  });
  forgetAccess();
}
