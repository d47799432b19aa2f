import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { userNames } from "../users/user-names";
import { findModel } from "./find-model";
import { modelVersionView, modelView } from "./model-views";

/** A registered model with its aliases and every version, newest first, each with its creator's name. */
export async function getModel(workspaceId: string, name: string, tx: Prisma.TransactionClient = db()) {
  const model = await findModel(workspaceId, name, tx);
  const [versions, aliases] = await Promise.all([
    tx.modelVersion.findMany({ where: { modelId: model.id }, orderBy: { version: "desc" } }),
    tx.modelAlias.findMany({ where: { modelId: model.id } }),
  ]);
  const aliasesOf = (versionId: string) => aliases.filter((a) => a.versionId === versionId).map((a) => a.alias);
  const numberOf = new Map(versions.map((v) => [v.id, v.version]));
  const nameOf = await userNames(versions.map((v) => v.createdById));
  return {
    ...modelView(
      model,
      { versionCount: versions.length, latest: versions[0] ?? null },
      aliases.map((a) => ({ alias: a.alias, version: numberOf.get(a.versionId)! })),
    ),
    versions: versions.map((v) => ({
      ...modelVersionView(model, v, aliasesOf(v.id)),
      createdByName: v.createdById ? (nameOf.get(v.createdById) ?? null) : null,
    })),
  };
}
