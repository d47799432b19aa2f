import type { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { artifactStore } from "../../storage/artifact-store-instance";
import { findRun } from "../runs/find-run";
import { SNAPSHOT_PREFIX } from "./store-snapshot";

/** The run's code snapshot as one .tar.gz, packed file by file as it streams out. */
export async function packSnapshot(workspaceId: string, runId: string): Promise<Readable> {
  await findRun(workspaceId, runId);
  const rows = await db().artifact.findMany({ where: { runId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } }, orderBy: { path: "asc" } });
  if (rows.length === 0) throw new AppError("NOT_FOUND", "This run has no code snapshot");
  const archive = pack();
  void (async () => {
    try {
      for (const row of rows) {
        const object = await artifactStore().read(`${workspaceId}/${runId}/${row.path}`);
        if (!object) continue;
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
  return archive.pipe(createGzip());
}
