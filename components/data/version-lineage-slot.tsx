/**
 * Where the version page will list the runs that read or wrote this version and draw its lineage
 * graph; those come with job inputs and outputs, so it renders nothing yet.
 */
export function VersionLineageSlot(_props: { workspaceId: string; name: string; version: number }) {
  return null;
}
