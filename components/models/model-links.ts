/** Studio addresses of model pages, so every link to a model or a version is built one way. */
export function modelHref(workspaceId: string, name: string): string {
  return `/w/${workspaceId}/models/${encodeURIComponent(name)}`;
}

export function modelVersionHref(workspaceId: string, name: string, version: number | string): string {
  return `${modelHref(workspaceId, name)}/versions/${version}`;
}

export function modelCompareHref(workspaceId: string, name: string, versions: readonly number[]): string {
  return `${modelHref(workspaceId, name)}/compare?versions=${versions.join(",")}`;
}

/** The REST base of a version, for its downloads and streamed files. */
export function modelVersionApi(workspaceId: string, name: string, version: number): string {
  return `/api/v1/workspaces/${workspaceId}/models/${encodeURIComponent(name)}/versions/${version}`;
}
