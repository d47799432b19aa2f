import { db } from "../../db";
import { ROLE_LABELS } from "../../rbac/roles";

export async function listWorkspaces(userId: string) {
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { workspace: true, customRole: true },
    orderBy: { workspace: { name: "asc" } },
  });
  return memberships.map((m) => ({
    id: m.workspace.id,
    name: m.workspace.name,
    description: m.workspace.description,
    role: m.role ? ROLE_LABELS[m.role] : (m.customRole?.name ?? "Custom role"),
    createdAt: m.workspace.createdAt,
  }));
}
