import { db } from "../db";

/** Workspaces that were deleted, as their audit logs remember them, newest first. */
export async function listDeletedWorkspaces(limit = 200) {
  const rows = await db().$queryRaw<
    { workspaceId: string; name: string; deletedAt: Date; deletedBy: string; events: number }[]
  >`
    SELECT d."workspaceId", coalesce(d."workspaceName", d."details"->>'name', '') AS "name", d."createdAt" AS "deletedAt", d."actorEmail" AS "deletedBy",
           (SELECT count(*)::int FROM "AuditEvent" e WHERE e."workspaceId" = d."workspaceId") AS "events"
    FROM "AuditEvent" d
    WHERE d."action" = 'workspace.delete' AND d."workspaceId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Workspace" w WHERE w."id" = d."workspaceId")
    ORDER BY d."createdAt" DESC
    LIMIT ${limit}`;
  return rows;
}
