import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { hashPassword } from "../auth/password";
import { findOpenInvitation } from "./find-open-invitation";

/** Creates the invited person's account and membership in one step; the link is then spent. */
export async function acceptInvitation(token: string, name: string, password: string) {
  // The link first: hashing takes 19 MiB and tens of milliseconds of the thread pool, which an
  // unknown link must not get for free. The transaction below checks it again.
  await findOpenInvitation(db(), token);
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      const invitation = await findOpenInvitation(tx, token);
      const user = await tx.user.create({ data: { email: invitation.email, name, passwordHash } });
      await tx.membership.create({
        data: {
          workspaceId: invitation.workspaceId,
          userId: user.id,
          role: invitation.role,
          customRoleId: invitation.customRoleId,
        },
      });
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (count === 0) throw new AppError("CONFLICT", "This invitation was just used");
      await recordAuditEvent(
        tx,
        { userId: user.id, email: user.email },
        {
          workspaceId: invitation.workspaceId,
          action: "member.acceptInvitation",
          targetType: "user",
          targetId: user.id,
          details: { email: user.email, role: invitation.roleLabel },
        },
      );
      return { email: user.email, workspaceId: invitation.workspaceId, workspaceName: invitation.workspace.name };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "An account with this email already exists; sign in instead");
    throw error;
  }
}
