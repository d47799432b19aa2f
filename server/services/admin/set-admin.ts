import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";

/**
 * Grants or revokes the site administrator flag. The admins' rows are locked first, so two
 * admins revoking each other at once cannot leave the site with none.
 */
export async function setAdmin(actor: TActor, userId: string, isAdmin: boolean) {
  return db().$transaction(async (tx) => {
    const admins = await tx.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "User" WHERE "isAdmin" AND "disabledAt" IS NULL FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("NOT_FOUND", "User not found");
    if (user.isAdmin === isAdmin) return { id: user.id, email: user.email, isAdmin };
    if (!isAdmin && admins.every((a) => a.id === userId))
      throw new AppError("CONFLICT", "The site needs at least one administrator; make someone else one first");
    await tx.user.update({ where: { id: userId }, data: { isAdmin } });
    await recordAuditEvent(tx, actor, {
      workspaceId: null,
      action: isAdmin ? "site.admin.grant" : "site.admin.revoke",
      targetType: "user",
      targetId: userId,
      details: { email: user.email },
    });
    return { id: user.id, email: user.email, isAdmin };
  });
}
