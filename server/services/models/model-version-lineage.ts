import { db } from "../../db";
import { findModelVersion } from "./find-model";

/**
 * Where a version came from: its source run and the data versions that run read, derived from the
 * run's data links when asked, so a link recorded later shows too; and the jobs that read it as
 * an input, newest first.
 */
export async function modelVersionLineage(workspaceId: string, ref: string) {
  const { version } = await findModelVersion(workspaceId, ref);
  const run = version.sourceRunId
    ? await db().run.findFirst({
        where: { id: version.sourceRunId, workspaceId },
        select: { id: true, displayName: true, status: true, experimentId: true },
      })
    : null;
  const links = run
    ? await db().runDataLink.findMany({
        where: { runId: run.id, direction: "input" },
        include: { version: { include: { asset: { select: { name: true } } } } },
        orderBy: { name: "asc" },
      })
    : [];
  const readers = await db().runModelInput.findMany({
    where: { versionId: version.id, run: { workspaceId, deletedAt: null } },
    include: { run: { select: { id: true, displayName: true, status: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return {
    run: run ? { id: run.id, name: run.displayName, status: run.status, experimentId: run.experimentId } : null,
    dataInputs: links.map((l) => ({
      name: l.name,
      asset: l.version.asset.name,
      version: l.version.version,
      ref: `${l.version.asset.name}:${l.version.version}`,
    })),
    readBy: readers.map((r) => ({ runId: r.run.id, runName: r.run.displayName, status: r.run.status, input: r.name })),
  };
}
