import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { workspaceStores } from "../../storage/datastore-store";

/**
 * Removes the workspace with everything in it, then its artifact files. Its audit log stays,
 * named after it and ending with who deleted it, for the site's admins to read.
 */
export async function deleteWorkspace(actor: TActor, workspaceId: string): Promise<void> {
  const stores = await workspaceStores(workspaceId);
  await db().$transaction(async (tx) => {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "workspace.delete",
      targetType: "workspace",
      targetId: workspaceId,
      details: { name: workspace.name },
    });
    await tx.auditEvent.updateMany({ where: { workspaceId }, data: { workspaceName: workspace.name } });
    await tx.workspace.delete({ where: { id: workspaceId } });
  });
  forgetAccess();
  for (const store of stores) await store.removePrefix(workspaceId);
}
