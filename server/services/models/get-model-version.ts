import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { findModelVersion } from "./find-model";
import { modelVersionView } from "./model-views";

/** One version by `name:3`, `name@alias` or `name@latest`, with its aliases. */
export async function getModelVersion(workspaceId: string, ref: string, tx: Prisma.TransactionClient = db()) {
  const { model, version } = await findModelVersion(workspaceId, ref, tx);
  const aliases = await tx.modelAlias.findMany({ where: { versionId: version.id }, select: { alias: true } });
  return modelVersionView(
    model,
    version,
    aliases.map((a) => a.alias),
  );
}
