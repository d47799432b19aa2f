import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { DEFAULT_DATASTORE_NAME } from "../datastores/datastore-limits";

export async function createWorkspace(actor: TActor, name: string, description = "") {
  try {
    return await db().$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name, description } });
      await tx.datastore.create({
        data: { workspaceId: workspace.id, name: DEFAULT_DATASTORE_NAME, type: "local", isDefault: true },
      });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: actor.userId, role: "Owner" } });
      await recordAuditEvent(tx, actor, {
        workspaceId: workspace.id,
        action: "workspace.create",
        targetType: "workspace",
        targetId: workspace.id,
        details: { name },
      });
      return {
        id: workspace.id,
        name: workspace.name,
        description: workspace.description,
        role: "Owner",
        createdAt: workspace.createdAt,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A workspace named '${name}' already exists`);
    throw error;
  }
}
