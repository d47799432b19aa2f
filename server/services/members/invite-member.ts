import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { newTokenSecret } from "../tokens/token-secret";
import { addMember } from "./add-member";
import { roleColumns, type TRoleAssignment } from "./role-assignment";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type TInviteResult =
  | { status: "added"; email: string; roleLabel: string }
  | { status: "invited"; email: string; roleLabel: string; invitationId: string; invitePath: string; expiresAt: Date };

/**
 * Someone who already has an account joins at once; anyone else gets an invitation link that
 * the inviter passes on (no mail server needed). The link works once, until it expires.
 */
export async function inviteMember(
  actor: TActor,
  workspaceId: string,
  emailInput: string,
  assignment: TRoleAssignment,
): Promise<TInviteResult> {
  const email = emailInput.trim().toLowerCase();
  if (await db().user.findUnique({ where: { email } })) {
    const added = await addMember(actor, workspaceId, email, assignment);
    return { status: "added", email, roleLabel: added.roleLabel };
  }
  const secret = newTokenSecret("inv");
  return db().$transaction(async (tx) => {
    const columns = await roleColumns(tx, workspaceId, assignment);
    const invitation = await tx.invitation.create({
      data: {
        workspaceId,
        email,
        role: columns.role,
        customRoleId: columns.customRoleId,
        tokenHash: secret.hash,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "member.invite",
      targetType: "invitation",
      targetId: invitation.id,
      details: { email, role: columns.label },
    });
    return {
      status: "invited" as const,
      email,
      roleLabel: columns.label,
      invitationId: invitation.id,
      invitePath: `/invite/${secret.token}`,
      expiresAt: invitation.expiresAt,
    };
  });
}
