import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import type { TTargetInput } from "./compute-inputs";

export async function createTarget(actor: TActor, workspaceId: string, input: TTargetInput) {
  try {
    return await db().$transaction(async (tx) => {
      const target = await tx.computeTarget.create({ data: { workspaceId, ...input } });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "compute.target.create",
        targetType: "computeTarget",
        targetId: target.id,
        details: { name: target.name, selector: input.selector },
      });
      return target;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A compute target named '${input.name}' already exists`);
    throw error;
  }
}
