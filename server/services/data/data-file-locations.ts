import { datastoreNamed } from "../../storage/datastore-store";
import { blobLocations, type TFileLocation } from "./blob-locations";

/**
 * Where a version's files are read from: their blobs, or for a version that references a
 * datastore folder without copying, that folder on the datastore the version names.
 */
export async function dataFileLocations(
  workspaceId: string,
  version: { referencePath: string | null; datastoreName: string },
  files: readonly { path: string; sha256: string }[],
): Promise<TFileLocation[]> {
  if (version.referencePath === null) return blobLocations(workspaceId, files);
  const store = await datastoreNamed(workspaceId, version.datastoreName);
  return files.map((f) => ({ path: f.path, store, key: `${workspaceId}/${version.referencePath}/${f.path}` }));
}
