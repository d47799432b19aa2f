import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";

export async function updateWorkspace(
  actor: TActor,
  workspaceId: string,
  changes: { name?: string; description?: string },
) {
  try {
    const updated = await db().$transaction(async (tx) => {
      const workspace = await tx.workspace.update({ where: { id: workspaceId }, data: changes });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "workspace.update",
        targetType: "workspace",
        targetId: workspaceId,
        details: changes,
      });
      return { id: workspace.id, name: workspace.name, description: workspace.description };
    });
    forgetAccess();
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A workspace named '${changes.name}' already exists`);
    throw error;
  }
}
