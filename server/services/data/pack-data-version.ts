import { db } from "../../db";
import { dataFileKey } from "./data-file-key";
import { dataStore } from "./data-store";
import { findDataVersion } from "./find-data-version";
import { packStoredFiles, type TPackOptions } from "./pack-stored-files";

export type { TPackOptions } from "./pack-stored-files";

/** A version's files as one uncompressed tar, streamed file by file. */
export async function packDataVersion(workspaceId: string, ref: string, options: TPackOptions = {}) {
  const { asset, version } = await findDataVersion(workspaceId, ref);
  const files = await db().dataAssetFile.findMany({ where: { versionId: version.id }, orderBy: { path: "asc" } });
  const stream = await packStoredFiles(
    await dataStore(workspaceId, version.datastoreName),
    files.map((f) => ({ path: f.path, key: dataFileKey(workspaceId, version, f) })),
    options,
  );
  const totalSize = files.reduce((sum, f) => sum + Number(f.size), 0);
  return { name: `${asset.name}-${version.version}.tar`, stream, fileCount: files.length, totalSize };
}
