import { AppError } from "../errors";
import { assertCan } from "../rbac/access";
import type { Action } from "../rbac/actions";
import { resolveWorkspaceAccess, type TWorkspaceAccess } from "../services/workspaces/resolve-workspace-access";

/**
 * The one permission check on workspace data: NOT_FOUND when the caller is not a member (so a
 * workspace's existence is not revealed), FORBIDDEN when their role lacks `action`.
 */
export async function authorizeWorkspace(userId: string, workspaceId: string, action: Action): Promise<TWorkspaceAccess> {
  const access = await resolveWorkspaceAccess(userId, workspaceId);
  if (!access) throw new AppError("NOT_FOUND", "Workspace not found");
  assertCan(access.role, action);
  return access;
}
