/** Studio addresses of labeling pages, so every link to a project is built one way. */
export function projectHref(workspaceId: string, name: string): string {
  return `/w/${workspaceId}/labeling/${encodeURIComponent(name)}`;
}

export function labelHref(workspaceId: string, name: string): string {
  return `${projectHref(workspaceId, name)}/label`;
}

export function reviewHref(workspaceId: string, name: string): string {
  return `${projectHref(workspaceId, name)}/review`;
}
