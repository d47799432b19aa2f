import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findModel } from "./find-model";
import { getModelVersion } from "./get-model-version";

/**
 * Points an alias at a version, moving it from wherever it pointed: one upsert, so two callers
 * racing to move `champion` leave it on one version or the other, never on both or neither.
 */
export async function setModelAlias(
  actor: TActor,
  workspaceId: string,
  input: { name: string; alias: string; version: number },
) {
  return db().$transaction(async (tx) => {
    const model = await findModel(workspaceId, input.name, tx);
    const version = await tx.modelVersion.findUnique({
      where: { modelId_version: { modelId: model.id, version: input.version } },
    });
    if (!version) throw new AppError("NOT_FOUND", `Registered model '${input.name}' has no version ${input.version}`);
    await tx.$executeRaw`
      INSERT INTO "ModelAlias" ("modelId", "alias", "versionId", "updatedAt")
      VALUES (${model.id}, ${input.alias}, ${version.id}, now())
      ON CONFLICT ("modelId", "alias") DO UPDATE SET "versionId" = EXCLUDED."versionId", "updatedAt" = now()`;
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "model.alias.set",
      targetType: "registeredModel",
      targetId: model.id,
      details: { name: model.name, alias: input.alias, version: input.version },
    });
    return getModelVersion(workspaceId, `${model.name}:${version.version}`, tx);
  });
}

export async function deleteModelAlias(actor: TActor, workspaceId: string, input: { name: string; alias: string }) {
  await db().$transaction(async (tx) => {
    const model = await findModel(workspaceId, input.name, tx);
    const removed = await tx.modelAlias.deleteMany({ where: { modelId: model.id, alias: input.alias } });
    if (removed.count === 0)
      throw new AppError("NOT_FOUND", `Registered model '${input.name}' has no alias '${input.alias}'`);
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "model.alias.delete",
      targetType: "registeredModel",
      targetId: model.id,
      details: { name: model.name, alias: input.alias },
    });
  });
}
