import { db } from "../../db";
import { AppError } from "../../errors";
import { runStore } from "../../storage/datastore-store";
import { SNAPSHOT_PREFIX } from "./store-snapshot";

/** Gives a run the code snapshot of another run in the workspace (resubmitting reproduces the code too). */
export async function copySnapshot(workspaceId: string, fromRunId: string, toRunId: string): Promise<number> {
  // NOT_FOUND first when the source run is not the workspace's.
  const source = await runStore(workspaceId, fromRunId);
  const rows = await db().artifact.findMany({
    where: { runId: fromRunId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } },
  });
  const target = await runStore(workspaceId, toRunId);
  for (const row of rows) {
    const object = await source.read(`${workspaceId}/${fromRunId}/${row.path}`);
    if (!object) throw new AppError("CONFLICT", `The snapshot of run ${fromRunId} is missing ${row.path}`);
    await target.write(`${workspaceId}/${toRunId}/${row.path}`, object.stream);
  }
  await db().artifact.createMany({
    data: rows.map((r) => ({ runId: toRunId, path: r.path, size: r.size, sha256: r.sha256 })),
  });
  return rows.length;
}
