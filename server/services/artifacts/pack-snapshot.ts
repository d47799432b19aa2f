import { pipeline, type Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { runStore } from "../../storage/datastore-store";
import { findRun } from "../runs/find-run";
import { SNAPSHOT_PREFIX } from "./store-snapshot";

const missing = (runId: string, path: string) =>
  new AppError("CONFLICT", `The snapshot of run ${runId} is missing ${path}`);

/**
 * The run's code snapshot as one .tar.gz, packed file by file as it streams out. Every file is
 * checked first, so a snapshot with one missing is refused, never handed on with a hole in it.
 */
export async function packSnapshot(workspaceId: string, runId: string): Promise<Readable> {
  await findRun(workspaceId, runId);
  const rows = await db().artifact.findMany({
    where: { runId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } },
    orderBy: { path: "asc" },
  });
  if (rows.length === 0) throw new AppError("NOT_FOUND", "This run has no code snapshot");
  const store = await runStore(workspaceId, runId);
  for (const row of rows) {
    if (!(await store.stat(`${workspaceId}/${runId}/${row.path}`))) throw missing(runId, row.path);
  }
  const archive = pack();
  void (async () => {
    try {
      for (const row of rows) {
        const object = await store.read(`${workspaceId}/${runId}/${row.path}`);
        if (!object) throw missing(runId, row.path);
        const entry = archive.entry({ name: row.path.slice(SNAPSHOT_PREFIX.length + 1), size: object.size });
        await new Promise<void>((resolve, reject) => {
          object.stream.on("error", reject);
          entry.on("error", reject);
          entry.on("finish", resolve);
          object.stream.pipe(entry);
        });
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  const gzip = createGzip();
  // pipeline, not pipe: a file that fails mid-way must fail the download, not end it early as if whole.
  pipeline(archive, gzip, () => {});
  return gzip;
}
