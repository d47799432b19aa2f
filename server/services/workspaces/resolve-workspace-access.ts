import { db } from "../../db";
import { resolveBuiltInRole, resolveCustomRole, type TResolvedRole } from "../../rbac/access";

export type TWorkspaceAccess = { workspace: { id: string; name: string; description: string }; role: TResolvedRole };

/** The caller's role in a workspace, or null when they are not a member (or it does not exist). */
export async function resolveWorkspaceAccess(userId: string, workspaceId: string): Promise<TWorkspaceAccess | null> {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    include: { workspace: true, customRole: true },
  });
  if (!membership) return null;
  const role = membership.role
    ? resolveBuiltInRole(membership.role)
    : resolveCustomRole(membership.customRole?.name ?? "Custom role", membership.customRole?.actions ?? []);
  const { id, name, description } = membership.workspace;
  return { workspace: { id, name, description }, role };
}
