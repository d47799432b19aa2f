import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";

export async function createBatchEndpoint(
  actor: TActor,
  workspaceId: string,
  input: { name: string; description?: string },
) {
  try {
    return await db().$transaction(async (tx) => {
      const endpoint = await tx.batchEndpoint.create({
        data: { workspaceId, name: input.name, description: input.description ?? "", createdById: actor.userId },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "batchEndpoint.create",
        targetType: "batchEndpoint",
        targetId: endpoint.id,
        details: { name: endpoint.name },
      });
      return endpoint;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A batch endpoint named '${input.name}' already exists`);
    throw error;
  }
}
