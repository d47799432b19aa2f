import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { db } from "../../db";
import { AppError } from "../../errors";
import { runStore } from "../../storage/datastore-store";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { findRun } from "../runs/find-run";
import { TERMINAL_STATUSES } from "../runs/run-status";
import { type TStoredFile, unpackTar } from "./unpack-tar";

export const MAX_SNAPSHOT_BYTES = 300 * 1024 * 1024;
export const SNAPSHOT_PREFIX = "snapshot";

/**
 * Unpacks a code snapshot (a .tar.gz of the run's source folder) into the run's artifacts under
 * snapshot/, so it can be browsed file by file. The new files are written beside the old ones
 * and swapped in with their rows only once all are stored: past the size limit, on a broken
 * archive or a dropped upload, the previous snapshot stays whole. A run that has ended keeps the
 * code it ran.
 */
export async function storeSnapshot(workspaceId: string, runId: string, body: Readable, maxBytes = MAX_SNAPSHOT_BYTES) {
  await checkOpen(workspaceId, runId);
  const store = await runStore(workspaceId, runId);
  const runKey = `${workspaceId}/${runId}`;
  const staging = `${runKey}/.${SNAPSHOT_PREFIX}-${randomUUID()}`;
  let files: TStoredFile[];
  try {
    files = await unpackTar(body.pipe(createGunzip()), {
      maxBytes,
      toPath: (name) => `${SNAPSHOT_PREFIX}/${normaliseArtifactPath(name)}`,
      write: (path, stream) => store.write(`${staging}/${path.slice(SNAPSHOT_PREFIX.length + 1)}`, stream),
      tooLarge: (max) =>
        `The snapshot is larger than ${Math.round(max / 1024 / 1024)} MiB; add large files to .amlignore (or .gitignore)`,
    });
  } catch (error) {
    await store.removePrefix(staging);
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", `The snapshot is not a readable .tar.gz archive: ${(error as Error).message}`);
  }
  try {
    await db().$transaction(async (tx) => {
      // One swap at a time per run: two uploads at once end with one whole snapshot, files and rows alike.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`snapshot:${runId}`}))`;
      await checkOpen(workspaceId, runId, tx);
      await tx.artifact.deleteMany({ where: { runId, path: { startsWith: `${SNAPSHOT_PREFIX}/` } } });
      await tx.artifact.createMany({
        data: files.map((f) => ({ runId, path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
      });
      // Last, so a failure before it rolls the rows back with the old files still in place.
      await store.replacePrefix(staging, `${runKey}/${SNAPSHOT_PREFIX}`);
    });
  } finally {
    await store.removePrefix(staging);
  }
  return { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
}

async function checkOpen(workspaceId: string, runId: string, tx?: Parameters<typeof findRun>[2]): Promise<void> {
  const run = await findRun(workspaceId, runId, tx);
  if (run.deletedAt) throw new AppError("CONFLICT", `Run ${runId} is deleted`);
  if (run.endedAt || TERMINAL_STATUSES.includes(run.status))
    throw new AppError("CONFLICT", `Run ${runId} has ended; its snapshot is the code it ran`);
}
