import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { findModel } from "./find-model";
import { getModel } from "./get-model";

export type TModelChange = {
  description?: string;
  /** Replaces every tag. */
  tags?: Record<string, string>;
  setTag?: { key: string; value: string };
  deleteTagKey?: string;
  newName?: string;
};

/** Changes a registered model's description, tags or name, audited in the same transaction. */
export async function updateModel(actor: TActor, workspaceId: string, name: string, change: TModelChange) {
  try {
    return await db().$transaction(async (tx) => {
      const model = await findModel(workspaceId, name, tx);
      // Locked so a tag set and a tag delete racing on the same model both land.
      await tx.$queryRaw`SELECT 1 FROM "RegisteredModel" WHERE "id" = ${model.id} FOR UPDATE`;
      const current = (await tx.registeredModel.findUniqueOrThrow({ where: { id: model.id }, select: { tags: true } }))
        .tags as Record<string, string>;
      const tags = { ...(change.tags ?? current) };
      if (change.setTag) tags[change.setTag.key] = change.setTag.value;
      if (change.deleteTagKey !== undefined) {
        if (!(change.deleteTagKey in tags))
          throw new AppError("NOT_FOUND", `Registered model '${name}' has no tag '${change.deleteTagKey}'`);
        delete tags[change.deleteTagKey];
      }
      if (Object.keys(tags).length > 100) throw new AppError("BAD_REQUEST", "At most 100 tags");
      await tx.registeredModel.update({
        where: { id: model.id },
        data: { description: change.description, tags, name: change.newName },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: change.newName ? "model.rename" : "model.update",
        targetType: "registeredModel",
        targetId: model.id,
        details: {
          name,
          ...(change.newName ? { newName: change.newName } : {}),
          fields: Object.keys(change).filter((k) => change[k as keyof TModelChange] !== undefined),
        },
      });
      return getModel(workspaceId, change.newName ?? name, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `Registered model '${change.newName}' already exists`);
    throw error;
  }
}
