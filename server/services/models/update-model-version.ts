import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findModelVersion } from "./find-model";
import { getModelVersion } from "./get-model-version";

export type TModelVersionChange = {
  description?: string;
  tags?: Record<string, string>;
  setTag?: { key: string; value: string };
  deleteTagKey?: string;
  isArchived?: boolean;
};

/** Changes what may change of a version (never its files): description, tags, archived. */
export async function updateModelVersion(actor: TActor, workspaceId: string, ref: string, change: TModelVersionChange) {
  return db().$transaction(async (tx) => {
    const { model, version } = await findModelVersion(workspaceId, ref, tx);
    await tx.$queryRaw`SELECT 1 FROM "ModelVersion" WHERE "id" = ${version.id} FOR UPDATE`;
    const current = (await tx.modelVersion.findUniqueOrThrow({ where: { id: version.id }, select: { tags: true } }))
      .tags as Record<string, string>;
    const tags = { ...(change.tags ?? current) };
    if (change.setTag) tags[change.setTag.key] = change.setTag.value;
    if (change.deleteTagKey !== undefined) {
      if (!(change.deleteTagKey in tags))
        throw new AppError("NOT_FOUND", `${model.name}:${version.version} has no tag '${change.deleteTagKey}'`);
      delete tags[change.deleteTagKey];
    }
    if (Object.keys(tags).length > 100) throw new AppError("BAD_REQUEST", "At most 100 tags");
    await tx.modelVersion.update({
      where: { id: version.id },
      data: { description: change.description, tags, isArchived: change.isArchived },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "model.version.update",
      targetType: "registeredModel",
      targetId: model.id,
      details: {
        name: model.name,
        version: version.version,
        fields: Object.keys(change).filter((k) => change[k as keyof TModelVersionChange] !== undefined),
        ...(change.isArchived !== undefined ? { isArchived: change.isArchived } : {}),
      },
    });
    return getModelVersion(workspaceId, `${model.name}:${version.version}`, tx);
  });
}
