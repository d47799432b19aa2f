import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { AppError } from "../../errors";
import { assertOwnerRemains, roleColumns, type TRoleAssignment } from "./role-assignment";

export async function changeMemberRole(
  actor: TActor,
  workspaceId: string,
  userId: string,
  assignment: TRoleAssignment,
) {
  const changed = await db().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      include: { user: true, customRole: true },
    });
    if (!membership) throw new AppError("NOT_FOUND", "Member not found");
    const columns = await roleColumns(tx, workspaceId, assignment);
    if (membership.role === "Owner" && columns.role !== "Owner") await assertOwnerRemains(tx, workspaceId, userId);
    await tx.membership.update({
      where: { id: membership.id },
      data: { role: columns.role, customRoleId: columns.customRoleId },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "member.changeRole",
      targetType: "user",
      targetId: userId,
      details: {
        email: membership.user.email,
        from: membership.role ?? membership.customRole?.name ?? null,
        to: columns.label,
      },
    });
    return { userId, email: membership.user.email, roleLabel: columns.label };
  });
  forgetAccess();
  return changed;
}
