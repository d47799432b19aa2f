import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { AppError } from "../../errors";

export async function deleteCustomRole(actor: TActor, workspaceId: string, roleId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const role = await tx.customRole.findFirst({
      where: { id: roleId, workspaceId },
      include: { _count: { select: { memberships: true } } },
    });
    if (!role) throw new AppError("NOT_FOUND", "Custom role not found");
    if (role._count.memberships > 0)
      throw new AppError("CONFLICT", `'${role.name}' is still assigned to ${role._count.memberships} member(s)`);
    await tx.customRole.delete({ where: { id: role.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "role.delete",
      targetType: "customRole",
      targetId: role.id,
      details: { name: role.name },
    });
  });
  forgetAccess();
}
