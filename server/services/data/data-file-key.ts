import { blobKey } from "./data-store";

/**
 * Where a version's file is read from: its blob, or for a version that references a datastore
 * folder without copying, that folder's file.
 */
export function dataFileKey(
  workspaceId: string,
  version: { referencePath: string | null },
  file: { path: string; sha256: string },
): string {
  return version.referencePath === null
    ? blobKey(workspaceId, file.sha256)
    : `${workspaceId}/${version.referencePath}/${file.path}`;
}
