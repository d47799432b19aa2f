import { db } from "../../db";
import { AppError } from "../../errors";
import { normaliseDataPath } from "../data/data-path";
import { blobLocations } from "../data/blob-locations";
import { packStoredFiles, type TPackOptions } from "../data/pack-stored-files";
import { findModelVersion } from "./find-model";

/** A version's files by path, a page at a time (`after` is the last path of the previous page). */
export async function listModelFiles(workspaceId: string, ref: string, page: { after?: string; limit?: number } = {}) {
  const { version } = await findModelVersion(workspaceId, ref);
  const limit = page.limit ?? 1000;
  const rows = await db().modelVersionFile.findMany({
    where: { versionId: version.id, ...(page.after ? { path: { gt: page.after } } : {}) },
    orderBy: { path: "asc" },
    take: limit + 1,
  });
  return {
    files: rows.slice(0, limit).map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    nextAfter: rows.length > limit ? rows[limit - 1]!.path : null,
  };
}

/** A stream of one file of a version, for download. */
export async function openModelFile(workspaceId: string, ref: string, rawPath: string) {
  const { version } = await findModelVersion(workspaceId, ref);
  const file = await db().modelVersionFile.findUnique({
    where: { versionId_path: { versionId: version.id, path: normaliseDataPath(rawPath) } },
  });
  if (!file) throw new AppError("NOT_FOUND", `'${rawPath}' is not a file of this model version`);
  const [location] = await blobLocations(workspaceId, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  return { path: file.path, size: object.size, sha256: file.sha256, stream: object.stream };
}

/** A version's files as one tar, streamed (for a job's input, with the owner and modes it asks). */
export async function packModelVersion(workspaceId: string, ref: string, options: TPackOptions = {}) {
  const { model, version } = await findModelVersion(workspaceId, ref);
  const files = await db().modelVersionFile.findMany({ where: { versionId: version.id }, orderBy: { path: "asc" } });
  const stream = await packStoredFiles(await blobLocations(workspaceId, files), options);
  const totalSize = files.reduce((sum, f) => sum + Number(f.size), 0);
  return { name: `${model.name}-${version.version}.tar`, stream, fileCount: files.length, totalSize };
}

/** The files and folders directly under `prefix` ("" for the root) of a version, as MLflow's artifact listing. */
export async function listModelEntries(workspaceId: string, ref: string, prefix: string) {
  const { version } = await findModelVersion(workspaceId, ref);
  const base = prefix.replace(/^\/+|\/+$/g, "");
  const rows = await db().modelVersionFile.findMany({
    where: { versionId: version.id, ...(base ? { path: { startsWith: `${base}/` } } : {}) },
    orderBy: { path: "asc" },
  });
  const exact = base
    ? rows.length === 0 &&
      (await db().modelVersionFile.findUnique({
        where: { versionId_path: { versionId: version.id, path: base } },
      }))
    : null;
  if (exact) return [{ path: exact.path, isDir: false, size: Number(exact.size) }];
  const entries = new Map<string, { path: string; isDir: boolean; size: number | null }>();
  for (const row of rows) {
    const rest = base ? row.path.slice(base.length + 1) : row.path;
    const [head, ...tail] = rest.split("/");
    const entryPath = base ? `${base}/${head}` : head!;
    entries.set(
      entryPath,
      tail.length
        ? { path: entryPath, isDir: true, size: null }
        : { path: entryPath, isDir: false, size: Number(row.size) },
    );
  }
  return [...entries.values()];
}
