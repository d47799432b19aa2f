import { db } from "../../db";
import { dataFileLocations } from "./data-file-locations";
import { findDataVersion } from "./find-data-version";
import { packStoredFiles, type TPackOptions } from "./pack-stored-files";

export type { TPackOptions } from "./pack-stored-files";

/** A version's files as one uncompressed tar, streamed file by file. */
export async function packDataVersion(workspaceId: string, ref: string, options: TPackOptions = {}) {
  const { asset, version } = await findDataVersion(workspaceId, ref);
  const files = await db().dataAssetFile.findMany({ where: { versionId: version.id }, orderBy: { path: "asc" } });
  const stream = await packStoredFiles(await dataFileLocations(workspaceId, version, files), options);
  const totalSize = files.reduce((sum, f) => sum + Number(f.size), 0);
  return { name: `${asset.name}-${version.version}.tar`, stream, fileCount: files.length, totalSize };
}
