import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { parseModelRef } from "./model-ref";

export async function findModel(workspaceId: string, name: string, tx: Prisma.TransactionClient = db()) {
  const model = await tx.registeredModel.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!model) throw new AppError("NOT_FOUND", `Registered model '${name}' not found`);
  return model;
}

/**
 * The version a reference names. `latest` is the newest version not archived; a pinned number or
 * an alias finds archived versions too, so references keep working.
 */
export async function findModelVersion(workspaceId: string, rawRef: string, tx: Prisma.TransactionClient = db()) {
  const ref = parseModelRef(rawRef);
  const model = await findModel(workspaceId, ref.name, tx);
  if ("alias" in ref) {
    const alias = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId: model.id, alias: ref.alias } },
      include: { version: true },
    });
    if (!alias) throw new AppError("NOT_FOUND", `Registered model '${ref.name}' has no alias '${ref.alias}'`);
    return { model, version: alias.version };
  }
  const version =
    ref.version === "latest"
      ? await tx.modelVersion.findFirst({
          where: { modelId: model.id, isArchived: false },
          orderBy: { version: "desc" },
        })
      : await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: ref.version } } });
  if (!version) {
    throw new AppError(
      "NOT_FOUND",
      ref.version === "latest"
        ? `Registered model '${ref.name}' has no version that is not archived`
        : `Registered model '${ref.name}' has no version ${ref.version}`,
    );
  }
  return { model, version };
}

/** A version by its id, only within the workspace: the download URIs MLflow clients are given name it so. */
export async function findModelVersionById(workspaceId: string, versionId: string) {
  const version = await db().modelVersion.findFirst({
    where: { id: versionId, model: { workspaceId } },
    include: { model: true },
  });
  if (!version) throw new AppError("NOT_FOUND", `Model version ${versionId} not found`);
  return { model: version.model, version, ref: `${version.model.name}:${version.version}` };
}
