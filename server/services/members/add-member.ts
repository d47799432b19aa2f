import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { roleColumns, type TRoleAssignment } from "./role-assignment";

/** Adds an existing user to the workspace. */
export async function addMember(actor: TActor, workspaceId: string, emailInput: string, assignment: TRoleAssignment) {
  const email = emailInput.trim().toLowerCase();
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { email } });
      if (!user) throw new AppError("NOT_FOUND", `No user with email ${email}; invite them instead`);
      const columns = await roleColumns(tx, workspaceId, assignment);
      await tx.membership.create({
        data: { workspaceId, userId: user.id, role: columns.role, customRoleId: columns.customRoleId },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "member.add",
        targetType: "user",
        targetId: user.id,
        details: { email, role: columns.label },
      });
      return { userId: user.id, email, name: user.name, roleLabel: columns.label };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `${email} is already a member`);
    throw error;
  }
}
