import { rememberAccess } from "../../database/access-cache";
import { preparedQuery } from "../../database/prepared-query";
import type { BuiltInRole } from "../../rbac/roles";
import { resolveBuiltInRole, resolveCustomRole, type TResolvedRole } from "../../rbac/access";

export type TWorkspaceAccess = { workspace: { id: string; name: string; description: string }; role: TResolvedRole };

type TAccessRow = {
  id: string;
  name: string;
  description: string;
  role: BuiltInRole | null;
  customName: string | null;
  customActions: string[] | null;
};

const selectAccess = preparedQuery<TAccessRow>(
  "crucible_resolve_workspace_access",
  `SELECT w."id", w."name", w."description", m."role"::text AS "role", c."name" AS "customName", c."actions" AS "customActions"
   FROM "Membership" m
   JOIN "Workspace" w ON w."id" = m."workspaceId"
   LEFT JOIN "CustomRole" c ON c."id" = m."customRoleId"
   WHERE m."workspaceId" = $1 AND m."userId" = $2`,
);

/**
 * The caller's role in a workspace, or null when they are not a member (or it does not exist).
 * Remembered until a change to memberships, roles or workspaces (see access-cache.ts).
 */
export function resolveWorkspaceAccess(userId: string, workspaceId: string): Promise<TWorkspaceAccess | null> {
  return rememberAccess(`access ${userId} ${workspaceId}`, () => loadAccess(userId, workspaceId));
}

// A prepared statement on purpose: every workspace call whose access is not remembered runs it.
async function loadAccess(userId: string, workspaceId: string): Promise<TWorkspaceAccess | null> {
  const [row] = await selectAccess([workspaceId, userId]);
  if (!row) return null;
  const role = row.role
    ? resolveBuiltInRole(row.role)
    : resolveCustomRole(row.customName ?? "Custom role", row.customActions ?? []);
  return { workspace: { id: row.id, name: row.name, description: row.description }, role };
}
