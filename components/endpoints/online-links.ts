/** The studio page of an online endpoint. */
export function onlineEndpointHref(workspaceId: string, name: string): string {
  return `/w/${workspaceId}/endpoints/online/${encodeURIComponent(name)}`;
}
