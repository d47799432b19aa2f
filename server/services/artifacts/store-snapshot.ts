import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import { db } from "../../db";
import { AppError } from "../../errors";
import { artifactStore } from "../../storage/artifact-store-instance";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { findRun } from "../runs/find-run";

export const MAX_SNAPSHOT_BYTES = 300 * 1024 * 1024;
export const SNAPSHOT_PREFIX = "snapshot";

type TStoredFile = { path: string; size: number; sha256: string };

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
    files = await unpack(body, maxBytes, (path, stream) => store.write(`${workspaceId}/${runId}/${path}`, stream));
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

/** Streams the archive's files one at a time into `write`; any failure anywhere rejects once. */
function unpack(body: Readable, maxBytes: number, write: (path: string, stream: Readable) => Promise<{ size: number; sha256: string }>): Promise<TStoredFile[]> {
  return new Promise((resolve, reject) => {
    const files: TStoredFile[] = [];
    const gunzip = createGunzip();
    const entries = extract();
    let total = 0;
    let isDone = false;
    const fail = (error: Error) => {
      if (isDone) return;
      isDone = true;
      body.unpipe();
      gunzip.destroy();
      entries.destroy();
      reject(error);
    };
    body.on("error", fail);
    gunzip.on("error", fail);
    entries.on("error", fail);
    entries.on("entry", (header, stream, next) => {
      if (header.type !== "file") {
        stream.on("end", next);
        stream.resume();
        return;
      }
      total += header.size ?? 0;
      if (total > maxBytes) {
        fail(new AppError("BAD_REQUEST", `The snapshot is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; add large files to .amlignore (or .gitignore)`));
        return;
      }
      let path: string;
      try {
        path = `${SNAPSHOT_PREFIX}/${normaliseArtifactPath(header.name)}`;
      } catch (error) {
        fail(error as Error);
        return;
      }
      // tar-stream entries are streamx streams; Readable.from adapts them for the store.
      write(path, Readable.from(stream)).then(
        (stored) => {
          files.push({ path, ...stored });
          next();
        },
        fail,
      );
    });
    entries.on("finish", () => {
      if (isDone) return;
      isDone = true;
      resolve(files);
    });
    body.pipe(gunzip).pipe(entries);
  });
}
