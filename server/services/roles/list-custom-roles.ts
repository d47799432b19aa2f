import { db } from "../../db";
import { isAction } from "../../rbac/actions";

export async function listCustomRoles(workspaceId: string) {
  const rows = await db().customRole.findMany({
    where: { workspaceId },
    include: { _count: { select: { memberships: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    actions: r.actions.filter(isAction),
    memberCount: r._count.memberships,
  }));
}
