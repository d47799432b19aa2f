import { randomUUID } from "node:crypto";
import { db } from "../../server/db";
import type { BuiltInRole } from "../../server/rbac/roles";
import { hashPassword } from "../../server/services/auth/password";
import type { TContext } from "../../server/trpc/context";
import { createCaller } from "../../server/trpc/root";

export type TTestUser = { id: string; email: string; name: string };

export async function createUser(label = "user", password?: string): Promise<TTestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db().user.create({
    data: { email, name: label, passwordHash: password ? await hashPassword(password) : null },
  });
  return { id: user.id, email: user.email, name: user.name };
}

export function contextFor(user: TTestUser | null): TContext {
  return {
    caller: user ? { userId: user.id, email: user.email, name: user.name, isAdmin: false, via: "session", scope: null } : null,
    isBadToken: false,
    origin: "http://studio.test",
    headers: new Headers(),
  };
}

export function callerFor(user: TTestUser | null) {
  return createCaller(contextFor(user));
}

/** A workspace owned by `owner` with one member per other built-in role. */
export async function workspaceWithRoles(owner: TTestUser) {
  const workspace = await callerFor(owner).workspaces.create({ name: `ws-${randomUUID().slice(0, 8)}` });
  const members: Record<BuiltInRole, TTestUser> = { Owner: owner } as Record<BuiltInRole, TTestUser>;
  for (const role of ["Contributor", "Reader", "DataScientist", "MetricsWriter"] as const) {
    const user = await createUser(role.toLowerCase());
    await db().membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    members[role] = user;
  }
  return { workspace, members };
}

/** A fresh workspace with its Owner's caller: the start of most integration tests. */
export async function ownerWorkspace(label = "owner") {
  const user = await createUser(label);
  const { workspace } = await workspaceWithRoles(user);
  return { user, workspaceId: workspace.id, owner: callerFor(user) };
}
