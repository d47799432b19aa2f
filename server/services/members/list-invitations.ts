import { db } from "../../db";
import { ROLE_LABELS } from "../../rbac/roles";

/** Invitations not yet accepted or revoked, expired ones included so the inviter sees why a link fails. */
export async function listInvitations(workspaceId: string) {
  const rows = await db().invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null },
    include: { customRole: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    roleLabel: i.role ? ROLE_LABELS[i.role] : (i.customRole?.name ?? "Custom role"),
    expiresAt: i.expiresAt,
    isExpired: i.expiresAt.getTime() <= Date.now(),
    createdAt: i.createdAt,
  }));
}
