import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";

describe("members", () => {
  it("invites a new person by link; accepting creates the account and membership once", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const email = `new-${Date.now()}@example.test`;
    const invited = await callerFor(owner).members.invite({ workspaceId: workspace.id, email, role: "Reader" });
    expect(invited.status).toBe("invited");
    const token = invited.inviteUrl!.split("/invite/")[1]!;
    expect(invited.inviteUrl).toBe(`http://studio.test/invite/${token}`);

    const anonymous = callerFor(null);
    expect(await anonymous.invitations.describe({ token })).toMatchObject({
      email,
      workspaceName: workspace.name,
      roleLabel: "Reader",
    });
    await anonymous.invitations.accept({ token, name: "New Person", password: "a-good-password" });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = await db().membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
    });
    expect(membership.role).toBe("Reader");

    await expect(
      anonymous.invitations.accept({ token, name: "Again", password: "a-good-password" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callerFor(owner).members.invitations({ workspaceId: workspace.id })).toEqual([]);
  });

  it("refuses an expired invitation", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const invited = await callerFor(owner).members.invite({
      workspaceId: workspace.id,
      email: `late-${Date.now()}@example.test`,
      role: "Reader",
    });
    await db().invitation.updateMany({
      where: { workspaceId: workspace.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const token = invited.inviteUrl!.split("/invite/")[1]!;
    await expect(
      callerFor(null).invitations.accept({ token, name: "Late", password: "a-good-password" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().user.count({ where: { email: invited.email } })).toBe(0);
  });

  it("adds someone who already has an account at once", async () => {
    const owner = await createUser("owner");
    const existing = await createUser("existing");
    const { workspace } = await workspaceWithRoles(owner);
    const result = await callerFor(owner).members.invite({
      workspaceId: workspace.id,
      email: existing.email,
      role: "DataScientist",
    });
    expect(result).toMatchObject({ status: "added", roleLabel: "Data Scientist", inviteUrl: null });
    await expect(
      callerFor(owner).members.add({ workspaceId: workspace.id, email: existing.email, role: "Reader" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("applies a role change on the caller's next request", async () => {
    const owner = await createUser("owner");
    const { workspace, members } = await workspaceWithRoles(owner);
    const reader = callerFor(members.Reader);
    await expect(reader.workspaces.update({ workspaceId: workspace.id, description: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await callerFor(owner).members.changeRole({
      workspaceId: workspace.id,
      userId: members.Reader.id,
      role: "Contributor",
    });
    await expect(reader.workspaces.update({ workspaceId: workspace.id, description: "x" })).resolves.toMatchObject({
      description: "x",
    });
    await callerFor(owner).members.remove({ workspaceId: workspace.id, userId: members.Reader.id });
    await expect(reader.workspaces.byId({ workspaceId: workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never leaves a workspace without an Owner", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    await expect(
      caller.members.changeRole({ workspaceId: workspace.id, userId: owner.id, role: "Reader" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.members.remove({ workspaceId: workspace.id, userId: owner.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await caller.workspaces.byId({ workspaceId: workspace.id })).role).toBe("Owner");
  });

  it("writes every membership change to the audit log, with who and when", async () => {
    const owner = await createUser("owner");
    const { workspace, members } = await workspaceWithRoles(owner);
    const caller = callerFor(owner);
    await caller.members.changeRole({ workspaceId: workspace.id, userId: members.Reader.id, role: "DataScientist" });
    await caller.members.remove({ workspaceId: workspace.id, userId: members.MetricsWriter.id });
    const role = await caller.roles.create({ workspaceId: workspace.id, name: "Labeler", actions: ["labeling:label"] });
    await caller.roles.delete({ workspaceId: workspace.id, roleId: role.id });
    const { items } = await caller.audit.list({ workspaceId: workspace.id, limit: 50 });
    expect(items.map((e) => e.action)).toEqual([
      "role.delete",
      "role.create",
      "member.remove",
      "member.changeRole",
      "workspace.create",
    ]);
    expect(items.every((e) => e.actorEmail === owner.email && e.createdAt instanceof Date)).toBe(true);
    expect(items[3]!.details).toMatchObject({ email: members.Reader.email, from: "Reader", to: "Data Scientist" });
  });

  it("leaves nothing half-written when a change fails", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const before = await db().auditEvent.count({ where: { workspaceId: workspace.id } });
    const invitee = await createUser("invitee");
    // A custom role from another workspace: the role check fails inside the transaction.
    const other = await workspaceWithRoles(await createUser("other-owner"));
    const foreignRole = await db().customRole.create({
      data: { workspaceId: other.workspace.id, name: "Foreign", actions: ["workspace:read"] },
    });
    const error = await callerFor(owner)
      .members.add({ workspaceId: workspace.id, email: invitee.email, customRoleId: foreignRole.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect(await db().membership.count({ where: { workspaceId: workspace.id, userId: invitee.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(before);
  });

  it("names the offending field in input errors", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    await expect(
      callerFor(owner).members.invite({ workspaceId: workspace.id, email: "not-an-email", role: "Reader" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("email:"),
    });
    await expect(
      callerFor(owner).members.invite({ workspaceId: workspace.id, email: "a@example.test" } as never),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("role: Give either role or customRoleId"),
    });
  });
});
