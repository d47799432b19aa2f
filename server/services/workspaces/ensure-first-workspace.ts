import { db } from "../../db";
import { ensureLocalHost } from "../compute/ensure-local-host";
import { createWorkspace } from "./create-workspace";

/**
 * On a studio with no workspace yet, a "default" one owned by the first admin, with the local
 * Docker engine as its compute when one answers; so a first start can run a job at once.
 */
export async function ensureFirstWorkspace(): Promise<{ name: string; hasLocalHost: boolean } | null> {
  if ((await db().workspace.count()) > 0) return null;
  const admin = await db().user.findFirst({ where: { isAdmin: true }, orderBy: { createdAt: "asc" } });
  if (!admin) return null;
  const workspace = await createWorkspace(
    { userId: admin.id, email: admin.email },
    "default",
    "Created at first start",
  );
  return { name: workspace.name, hasLocalHost: await ensureLocalHost(workspace.id) };
}
