/** Each distinct content is stored once per workspace, named by its SHA-256, on the datastore its DataBlob row records. */
export function blobKey(workspaceId: string, sha256: string): string {
  return `${workspaceId}/data/blobs/${sha256}`;
}
