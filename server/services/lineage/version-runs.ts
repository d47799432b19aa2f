import { db } from "../../db";
import { findDataVersion } from "../data/find-data-version";

/** The runs that read or made one data asset version, newest first. */
export async function listVersionRuns(workspaceId: string, ref: string) {
  const { version } = await findDataVersion(workspaceId, ref);
  const links = await db().runDataLink.findMany({
    where: { versionId: version.id, run: { workspaceId } },
    include: { run: { select: { id: true, displayName: true, status: true, createdAt: true, deletedAt: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return links
    .filter((l) => l.run.deletedAt === null)
    .map((l) => ({
      direction: l.direction,
      name: l.name,
      runId: l.run.id,
      runName: l.run.displayName,
      status: l.run.status,
      createdAt: l.run.createdAt,
    }));
}
