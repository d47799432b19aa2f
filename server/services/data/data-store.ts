import type { ArtifactStore } from "../../storage/artifact-store";
import { datastoreNamed } from "../../storage/datastore-store";
import { DEFAULT_DATASTORE_NAME } from "../datastores/datastore-limits";

export { DEFAULT_DATASTORE_NAME };

/**
 * Where a workspace's data bytes live: the datastore a version names (its content-addressed blobs
 * are kept on workspaceblobstore, which every version records until uploads choose a datastore).
 */
export function dataStore(workspaceId: string, datastoreName = DEFAULT_DATASTORE_NAME): Promise<ArtifactStore> {
  return datastoreNamed(workspaceId, datastoreName);
}

/** Each distinct content is stored once per workspace, named by its SHA-256. */
export function blobKey(workspaceId: string, sha256: string): string {
  return `${workspaceId}/data/blobs/${sha256}`;
}
