import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { db } from "../../db";
import { AppError } from "../../errors";
import { artifactStore } from "../../storage/artifact-store-instance";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { findRun } from "../runs/find-run";
import { type TStoredFile, unpackTar } from "./unpack-tar";

export const MAX_SNAPSHOT_BYTES = 300 * 1024 * 1024;
export const SNAPSHOT_PREFIX = "snapshot";

/**
 * Unpacks a code snapshot (a .tar.gz of the run's source folder) into the run's artifacts under
 * snapshot/, so it can be browsed file by file. Past the size limit, or on a broken archive,
 * nothing of it is kept.
 */
export async function storeSnapshot(workspaceId: string, runId: string, body: Readable, maxBytes = MAX_SNAPSHOT_BYTES) {
  await findRun(workspaceId, runId);
  const store = artifactStore();
  const prefix = `${workspaceId}/${runId}/${SNAPSHOT_PREFIX}`;
  await store.removePrefix(prefix);
  let files: TStoredFile[];
  try {
    files = await unpackTar(body.pipe(createGunzip()), {
      maxBytes,
      toPath: (name) => `${SNAPSHOT_PREFIX}/${normaliseArtifactPath(name)}`,
      write: (path, stream) => store.write(`${workspaceId}/${runId}/${path}`, stream),
      tooLarge: (max) => `The snapshot is larger than ${Math.round(max / 1024 / 1024)} MiB; add large files to .amlignore (or .gitignore)`,
    });
  } catch (error) {
    await store.removePrefix(prefix);
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", `The snapshot is not a readable .tar.gz archive: ${(error as Error).message}`);
  }
  await db().$transaction([
    db().artifact.deleteMany({ where: { runId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } } }),
    db().artifact.createMany({ data: files.map((f) => ({ runId, path: f.path, size: BigInt(f.size), sha256: f.sha256 })) }),
  ]);
  return { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
}

