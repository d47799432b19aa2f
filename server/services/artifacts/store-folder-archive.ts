import type { Readable } from "node:stream";
import { db } from "../../db";
import { runStore } from "../../storage/datastore-store";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { unpackTar } from "./unpack-tar";

const MAX_OUTPUT_BYTES = 20 * 1024 * 1024 * 1024;

/**
 * Stores a tar of a run's folder (a job container's outputs/ or logs/, whose entries already
 * start with that folder's name) as the run's artifacts, replacing files of the same path.
 */
export async function storeFolderArchive(workspaceId: string, runId: string, tar: Readable): Promise<number> {
  const store = await runStore(workspaceId, runId);
  const files = await unpackTar(tar, {
    maxBytes: MAX_OUTPUT_BYTES,
    toPath: (name) => normaliseArtifactPath(name),
    write: (path, stream) => store.write(`${workspaceId}/${runId}/${path}`, stream),
    tooLarge: (max) => `The run's outputs are larger than ${Math.round(max / 1024 ** 3)} GiB`,
  });
  if (files.length === 0) return 0;
  await db().$transaction([
    db().artifact.deleteMany({ where: { runId, path: { in: files.map((f) => f.path) } } }),
    db().artifact.createMany({
      data: files.map((f) => ({ runId, path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
    }),
  ]);
  return files.length;
}
