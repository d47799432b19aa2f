import { db } from "../../db";
import { ROLE_LABELS } from "../../rbac/roles";

export async function listMembers(workspaceId: string) {
  const rows = await db().membership.findMany({
    where: { workspaceId },
    include: { user: true, customRole: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    customRoleId: m.customRoleId,
    roleLabel: m.role ? ROLE_LABELS[m.role] : (m.customRole?.name ?? "Custom role"),
    joinedAt: m.createdAt,
  }));
}
