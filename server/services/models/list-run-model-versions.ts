import { db } from "../../db";
import { findRun } from "../runs/find-run";

/** The model versions registered from a run's outputs, oldest first, with their aliases. */
export async function listRunModelVersions(workspaceId: string, runId: string) {
  await findRun(workspaceId, runId);
  const versions = await db().modelVersion.findMany({
    where: { sourceRunId: runId, model: { workspaceId } },
    include: { model: { select: { name: true } }, aliases: { select: { alias: true } } },
    orderBy: { createdAt: "asc" },
  });
  return versions.map((v) => ({
    name: v.model.name,
    version: v.version,
    ref: `${v.model.name}:${v.version}`,
    type: v.type,
    sourcePath: v.sourcePath,
    aliases: v.aliases.map((a) => a.alias).sort(),
    isArchived: v.isArchived,
    createdAt: v.createdAt,
  }));
}
