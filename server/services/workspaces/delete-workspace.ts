import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { artifactStore } from "../../storage/artifact-store-instance";

/** Removes the workspace with everything in it: its rows (audit log included), then its artifact files. */
export async function deleteWorkspace(workspaceId: string): Promise<void> {
  await db().workspace.delete({ where: { id: workspaceId } });
  forgetAccess();
  await artifactStore().removePrefix(workspaceId);
}
