import { db } from "../../db";

/** Every workspace by name, for sharing hosts; admins need not be members. */
export async function listAllWorkspaces() {
  const workspaces = await db().workspace.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { memberships: true } } },
  });
  return workspaces.map((w) => ({ id: w.id, name: w.name, members: w._count.memberships }));
}
