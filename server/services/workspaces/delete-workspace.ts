import { db } from "../../db";

/** Removes the workspace with everything in it (its audit log included). */
export async function deleteWorkspace(workspaceId: string): Promise<void> {
  await db().workspace.delete({ where: { id: workspaceId } });
}
