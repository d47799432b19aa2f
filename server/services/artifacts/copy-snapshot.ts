import { db } from "../../db";
import { AppError } from "../../errors";
import { artifactStore } from "../../storage/artifact-store-instance";
import { SNAPSHOT_PREFIX } from "./store-snapshot";

/** Gives a run the code snapshot of another run in the workspace (resubmitting reproduces the code too). */
export async function copySnapshot(workspaceId: string, fromRunId: string, toRunId: string): Promise<number> {
  const source = await db().run.findFirst({ where: { id: fromRunId, workspaceId }, select: { id: true } });
  if (!source) throw new AppError("NOT_FOUND", `Run ${fromRunId} not found`);
  const rows = await db().artifact.findMany({
    where: { runId: fromRunId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } },
  });
  const store = artifactStore();
  for (const row of rows) {
    const object = await store.read(`${workspaceId}/${fromRunId}/${row.path}`);
    if (!object) throw new AppError("CONFLICT", `The snapshot of run ${fromRunId} is missing ${row.path}`);
    await store.write(`${workspaceId}/${toRunId}/${row.path}`, object.stream);
  }
  await db().artifact.createMany({
    data: rows.map((r) => ({ runId: toRunId, path: r.path, size: r.size, sha256: r.sha256 })),
  });
  return rows.length;
}
