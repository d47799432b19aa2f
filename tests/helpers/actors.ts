import { randomUUID } from "node:crypto";
import { db } from "../../server/db";
import type { BuiltInRole } from "../../server/rbac/roles";
import { hashPassword } from "../../server/services/auth/password";
import type { TContext } from "../../server/trpc/context";
import { createCaller } from "../../server/trpc/root";

export type TTestUser = { id: string; email: string; name: string; isAdmin?: boolean };

export async function createUser(label = "user", password?: string, isAdmin = false): Promise<TTestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db().user.create({
    data: { email, name: label, passwordHash: password ? await hashPassword(password) : null, isAdmin },
  });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

/** A site administrator (User.isAdmin), who registers and shares hosts. */
export function createAdmin(label = "admin"): Promise<TTestUser> {
  return createUser(label, undefined, true);
}

export function contextFor(user: TTestUser | null): TContext {
  return {
    caller: user
      ? {
          userId: user.id,
          email: user.email,
          name: user.name,
          isAdmin: user.isAdmin ?? false,
          via: "session",
          scope: null,
        }
      : null,
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

type TCaller = ReturnType<typeof callerFor>;
type THostRegistration = Parameters<TCaller["admin"]["registerHost"]>[0];

/**
 * A host registered by a fresh admin and shared with `workspaceId`. Host names are site-wide, so
 * the name gets a suffix; a compute target the workspace's `owner` creates carries the name asked
 * for, which jobs use as `compute:`.
 */
export async function sharedHost(owner: TCaller, workspaceId: string, input: THostRegistration) {
  const admin = callerFor(await createAdmin());
  const host = await admin.admin.registerHost({
    ...input,
    name: `${input.name}-${randomUUID().slice(0, 6)}`,
    workspaceIds: [workspaceId, ...(input.workspaceIds ?? [])],
  });
  await owner.compute.createTarget({ workspaceId, name: input.name, selector: { host: host.name } });
  return { host, admin };
}
