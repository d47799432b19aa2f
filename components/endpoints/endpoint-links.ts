/** Studio addresses of endpoint pages, so every link to an endpoint is built one way. */
export function endpointsHref(workspaceId: string): string {
  return `/w/${workspaceId}/endpoints`;
}

export function batchEndpointHref(workspaceId: string, name: string): string {
  return `${endpointsHref(workspaceId)}/batch/${encodeURIComponent(name)}`;
}

export function onlineEndpointHref(workspaceId: string, name: string): string {
  return `${endpointsHref(workspaceId)}/online/${encodeURIComponent(name)}`;
}

/** `iris:2` split into the model's name and version, for a link to the version page. */
export function splitVersionRef(ref: string): { name: string; version: string } | null {
  const at = ref.lastIndexOf(":");
  if (at <= 0 || !/^\d+$/.test(ref.slice(at + 1))) return null;
  return { name: ref.slice(0, at), version: ref.slice(at + 1) };
}
