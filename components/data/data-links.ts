/** Studio addresses of data pages, so every link to an asset or a version is built one way. */
export function assetHref(workspaceId: string, name: string): string {
  return `/w/${workspaceId}/data/${encodeURIComponent(name)}`;
}

export function versionHref(workspaceId: string, name: string, version: number | "latest"): string {
  return `${assetHref(workspaceId, name)}/versions/${version}`;
}

/** The REST base of a version, for its downloads and streamed files. */
export function versionApi(workspaceId: string, name: string, version: number): string {
  return `/api/v1/workspaces/${workspaceId}/data/${encodeURIComponent(name)}/versions/${version}`;
}
