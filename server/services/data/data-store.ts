import type { ArtifactStore } from "../../storage/artifact-store";
import { artifactStore } from "../../storage/artifact-store-instance";

/** The name every version records until workspaces choose among datastores. */
export const DEFAULT_DATASTORE_NAME = "workspaceblobstore";

/** Where a workspace's data bytes live: the one place to switch to the workspace's own datastore. */
export function dataStore(_workspaceId: string): ArtifactStore {
  return artifactStore();
}

/** Each distinct content is stored once per workspace, named by its SHA-256. */
export function blobKey(workspaceId: string, sha256: string): string {
  return `${workspaceId}/data/blobs/${sha256}`;
}
