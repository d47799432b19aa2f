import { AppError } from "../errors";
import { assertCan, resolveBuiltInRole, type TResolvedRole } from "../rbac/access";
import type { Action } from "../rbac/actions";
import { resolveWorkspaceAccess, type TWorkspaceAccess } from "../services/workspaces/resolve-workspace-access";
import type { TCallerScope } from "./resolve-token-caller";

export type TAuthorizable = { userId: string; scope: TCallerScope | null };

/**
 * The one permission check on workspace data: NOT_FOUND when the caller is not a member (so a
 * workspace's existence is not revealed), FORBIDDEN when their role lacks `action`. A run-scoped
 * token gets the smaller of its role and its user's, and only on its own run.
 */
export async function authorizeWorkspace(
  caller: TAuthorizable,
  workspaceId: string,
  action: Action,
  runId?: string,
): Promise<TWorkspaceAccess> {
  if (caller.scope && caller.scope.workspaceId !== workspaceId) throw new AppError("NOT_FOUND", "Workspace not found");
  const access = await resolveWorkspaceAccess(caller.userId, workspaceId);
  if (!access) throw new AppError("NOT_FOUND", "Workspace not found");
  if (!caller.scope) {
    assertCan(access.role, action);
    return access;
  }
  const role = narrow(access.role, resolveBuiltInRole(caller.scope.role));
  assertCan(role, action);
  if (caller.scope.runId && runId !== caller.scope.runId) {
    throw new AppError("FORBIDDEN", `This token acts only on run ${caller.scope.runId}`);
  }
  return { ...access, role };
}

function narrow(user: TResolvedRole, scope: TResolvedRole): TResolvedRole {
  return {
    name: scope.name,
    builtIn: scope.builtIn,
    actions: new Set([...scope.actions].filter((a) => user.actions.has(a))),
  };
}
