import { db } from "../../db";

export async function listUsers() {
  const users = await db().user.findMany({
    orderBy: { email: "asc" },
    include: { _count: { select: { memberships: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    isDisabled: u.disabledAt !== null,
    workspaces: u._count.memberships,
    createdAt: u.createdAt,
  }));
}
